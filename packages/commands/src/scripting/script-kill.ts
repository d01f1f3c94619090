// SCRIPT KILL: scripts run to completion on the main thread here, so when a command can reach this handler no
// script is running (answered as Redis answers with none in execution).
import type { CommandHandler } from '../types.js';

export const scriptKillCommand: CommandHandler = (c, e) => {
  if (!e.scripting.run) {
    e.replyError(c, 'NOTBUSY No scripts in execution right now.');
    return;
  }
  e.replyError(c, 'UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.');
};
