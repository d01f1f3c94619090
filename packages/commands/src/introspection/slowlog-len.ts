// SLOWLOG LEN
import type { CommandHandler } from '../types.js';

export const slowlogLenCommand: CommandHandler = (c, e) => {
  c.reply.integer(e.stats.slowlog.length);
};
