// HGET key field: the value, or null.
import { ObjType, type HashValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const hgetCommand: CommandHandler = (c, e) => {
  const o = lookupRead<HashValue>(c, e, c.argv[1]!, ObjType.HASH);
  if (o === null) return;
  const v = o?.ptr.get(c.argv[2]!);
  if (v === undefined) c.reply.null();
  else c.reply.bulk(v);
};
