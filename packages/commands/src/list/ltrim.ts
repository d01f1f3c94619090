// LTRIM key start stop: keep only the inclusive range; an empty range deletes the key. Always replies OK.
import { ObjType, type ListValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupWrite } from '../util/lookup.js';
import { parseLongOrReply } from './list-generic.js';

export const ltrimCommand: CommandHandler = (c, e) => {
  let start = parseLongOrReply(c, e, c.argv[2]!);
  if (start === null) return;
  let end = parseLongOrReply(c, e, c.argv[3]!);
  if (end === null) return;
  const key = c.argv[1]!;
  const o = lookupWrite<ListValue>(c, e, key, ObjType.LIST);
  if (o === null) return;
  if (o === undefined) {
    c.reply.simple('OK');
    return;
  }
  const l = o.ptr;
  const llen = l.length;
  if (start < 0) start += llen;
  if (end < 0) end += llen;
  if (start < 0) start = 0;
  let removed: number;
  if (start > end || start >= llen) {
    removed = llen;
    l.clear();
  } else {
    if (end >= llen) end = llen - 1;
    removed = llen - (end - start + 1);
    l.trim(start, end);
  }
  const db = c.db;
  db.notify('l', 'ltrim', key);
  if (l.length === 0) {
    db.delete(key);
    db.notify('g', 'del', key);
  }
  db.signalModified(key);
  e.dirty += removed;
  c.reply.simple('OK');
};
