// SISMEMBER key member: 1 when member is in the set, else 0.
import { ObjType, type SetValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const sismemberCommand: CommandHandler = (c, e) => {
  const o = lookupRead<SetValue>(c, e, c.argv[1]!, ObjType.SET);
  if (o === null) return;
  c.reply.integer(o !== undefined && o.ptr.has(c.argv[2]!) ? 1 : 0);
};
