// LREM key count element: remove up to |count| matches (from the tail when negative, all when 0).
import { ObjType, type ListValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupWrite } from '../util/lookup.js';
import { parseLongOrReply } from './list-generic.js';

export const lremCommand: CommandHandler = (c, e) => {
  const count = parseLongOrReply(c, e, c.argv[2]!);
  if (count === null) return;
  const key = c.argv[1]!;
  const o = lookupWrite<ListValue>(c, e, key, ObjType.LIST);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const l = o.ptr;
  const removed = l.removeValue(c.argv[3]!, count);
  const db = c.db;
  if (removed > 0) {
    e.dirty += removed;
    db.signalModified(key);
    db.notify('l', 'lrem', key);
  }
  if (l.length === 0) {
    db.delete(key);
    db.notify('g', 'del', key);
  }
  c.reply.integer(removed);
};
