// HEXISTS key field: 1 when the field exists, else 0.
import { ObjType, type HashValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const hexistsCommand: CommandHandler = (c, e) => {
  const o = lookupRead<HashValue>(c, e, c.argv[1]!, ObjType.HASH);
  if (o === null) return;
  c.reply.integer(o !== undefined && o.ptr.has(c.argv[2]!) ? 1 : 0);
};
