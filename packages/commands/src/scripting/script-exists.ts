// SCRIPT EXISTS sha1 [sha1 ...]
import type { CommandHandler } from '../types.js';

export const scriptExistsCommand: CommandHandler = (c, e) => {
  c.reply.arrayHeader(c.argv.length - 2);
  for (let i = 2; i < c.argv.length; i++) c.reply.integer(e.scripting.scripts.has(c.argv[i]!.toLowerCase()) ? 1 : 0);
};
