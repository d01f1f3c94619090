// GET key
import { ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';

export const getCommand: CommandHandler = (c, e) => {
  const o = lookupRead<string>(c, e, c.argv[1]!, ObjType.STRING);
  if (o === null) return;
  if (o === undefined) c.reply.null();
  else c.reply.bulk(o.ptr);
};
