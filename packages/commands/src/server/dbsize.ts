// DBSIZE
import type { CommandHandler } from '../types.js';

export const dbsizeCommand: CommandHandler = (c) => {
  c.reply.integer(c.db.size());
};
