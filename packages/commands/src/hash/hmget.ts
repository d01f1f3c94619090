// HMGET key field [field ...]: the values in order, null for missing fields (a missing key is an empty hash).
import { ObjType, type HashValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const hmgetCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const o = lookupRead<HashValue>(c, e, argv[1]!, ObjType.HASH);
  if (o === null) return;
  c.reply.arrayHeader(argv.length - 2);
  for (let i = 2; i < argv.length; i++) {
    const v = o?.ptr.get(argv[i]!);
    if (v === undefined) c.reply.null();
    else c.reply.bulk(v);
  }
};
