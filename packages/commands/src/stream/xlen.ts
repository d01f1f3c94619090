// XLEN key
import type { CommandHandler } from '../types.js';
import { lookupStream } from './stream-generic.js';

export const xlenCommand: CommandHandler = (c, e) => {
  const o = lookupStream(c, e, c.argv[1]!, false);
  if (o === null) return;
  c.reply.integer(o === undefined ? 0 : o.ptr.length);
};
