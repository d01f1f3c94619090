// TOUCH key [key ...]: counts existing keys and updates their access time.
import type { CommandHandler } from '../types.js';

export const touchCommand: CommandHandler = (c) => {
  let n = 0;
  for (let i = 1; i < c.argv.length; i++) if (c.db.lookupRead(c.argv[i]!) !== undefined) n++;
  c.reply.integer(n);
};
