// HSTRLEN key field: the length of the field's value (0 when missing).
import { ObjType, type HashValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const hstrlenCommand: CommandHandler = (c, e) => {
  const o = lookupRead<HashValue>(c, e, c.argv[1]!, ObjType.HASH);
  if (o === null) return;
  c.reply.integer(o?.ptr.get(c.argv[2]!)?.length ?? 0);
};
