// SCARD key: the number of members (0 for a missing key).
import { ObjType, type SetValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const scardCommand: CommandHandler = (c, e) => {
  const o = lookupRead<SetValue>(c, e, c.argv[1]!, ObjType.SET);
  if (o === null) return;
  c.reply.integer(o === undefined ? 0 : o.ptr.size);
};
