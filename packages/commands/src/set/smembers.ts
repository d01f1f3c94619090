// SMEMBERS key: every member (a RESP3 set), an intset in numeric order.
import { ObjType, type SetValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { replySet } from './set-generic.js';

export const smembersCommand: CommandHandler = (c, e) => {
  const o = lookupRead<SetValue>(c, e, c.argv[1]!, ObjType.SET);
  if (o === null) return;
  if (o === undefined) c.reply.setHeader(0);
  else replySet(c, o);
};
