// SLOWLOG RESET
import type { CommandHandler } from '../types.js';

export const slowlogResetCommand: CommandHandler = (c, e) => {
  e.stats.resetSlowlog();
  c.reply.simple('OK');
};
