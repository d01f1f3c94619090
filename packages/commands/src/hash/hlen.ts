// HLEN key: the number of fields (0 for a missing key).
import { ObjType, type HashValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const hlenCommand: CommandHandler = (c, e) => {
  const o = lookupRead<HashValue>(c, e, c.argv[1]!, ObjType.HASH);
  if (o === null) return;
  c.reply.integer(o === undefined ? 0 : o.ptr.size);
};
