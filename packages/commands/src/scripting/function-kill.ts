// FUNCTION KILL: functions run to completion on the main thread, so none is running when this executes.
import type { CommandHandler } from '../types.js';

export const functionKillCommand: CommandHandler = (c, e) => {
  e.replyError(c, 'NOTBUSY No scripts in execution right now.');
};
