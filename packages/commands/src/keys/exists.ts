// EXISTS key [key ...]: counts every argument that names an existing key (repeats count again).
import type { CommandHandler } from '../types.js';
import { lookupNoTouch } from './keys-generic.js';

export const existsCommand: CommandHandler = (c, e) => {
  let n = 0;
  for (let i = 1; i < c.argv.length; i++) if (lookupNoTouch(c, e, c.argv[i]!) !== undefined) n++;
  c.reply.integer(n);
};
