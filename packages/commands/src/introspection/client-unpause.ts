// CLIENT UNPAUSE
import type { CommandHandler } from '../types.js';
import { pauseState } from './pause-state.js';

export const clientUnpauseCommand: CommandHandler = (c, e) => {
  pauseState(e).unpause();
  c.reply.simple('OK');
};
