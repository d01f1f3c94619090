// STRLEN key
import { ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const strlenCommand: CommandHandler = (c, e) => {
  const o = lookupRead<string>(c, e, c.argv[1]!, ObjType.STRING);
  if (o === null) return;
  c.reply.integer(o === undefined ? 0 : o.ptr.length);
};
