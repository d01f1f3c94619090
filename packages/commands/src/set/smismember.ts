// SMISMEMBER key member [member ...]: 1/0 per member (a missing key is an empty set).
import { ObjType, type SetValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const smismemberCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const o = lookupRead<SetValue>(c, e, argv[1]!, ObjType.SET);
  if (o === null) return;
  c.reply.arrayHeader(argv.length - 2);
  for (let i = 2; i < argv.length; i++) c.reply.integer(o !== undefined && o.ptr.has(argv[i]!) ? 1 : 0);
};
