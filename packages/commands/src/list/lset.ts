// LSET key index element: replace the element at index; "no such key" / "index out of range" as Redis.
import { ObjType, type ListValue } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { keyChanged, lookupWrite } from '../util/lookup.js';
import { parseLongOrReply } from './list-generic.js';

export const lsetCommand: CommandHandler = (c, e) => {
  const key = c.argv[1]!;
  const o = lookupWrite<ListValue>(c, e, key, ObjType.LIST);
  if (o === null) return;
  if (o === undefined) {
    e.replyError(c, Err.NO_SUCH_KEY);
    return;
  }
  let i = parseLongOrReply(c, e, c.argv[2]!);
  if (i === null) return;
  const l = o.ptr;
  if (i < 0) i += l.length;
  if (i < 0 || i >= l.length) {
    e.replyError(c, Err.INDEX_OUT_OF_RANGE);
    return;
  }
  l.set(i, c.argv[3]!);
  c.reply.simple('OK');
  keyChanged(c, e, key, 'l', 'lset');
};
