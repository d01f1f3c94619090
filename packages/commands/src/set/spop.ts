// SPOP key [count]: remove and return random members (`spop` event; the emptied set is deleted with `del`).
// With count: a RESP3 set; count >= size returns the whole set in its iteration order.
import { ObjType, setMembersOrdered, type SetValue } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { lookupWrite } from '../util/lookup.js';
import { parseIntNum } from '../util/number.js';

export const spopCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  if (argv.length > 3) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const key = argv[1]!;
  const db = c.db;
  const rand = e.keyspace.random;
  if (argv.length === 3) {
    const count = parseIntNum(argv[2]!);
    if (count === null || count < 0) {
      e.replyError(c, Err.OUT_OF_RANGE_POSITIVE);
      return;
    }
    const o = lookupWrite<SetValue>(c, e, key, ObjType.SET);
    if (o === null) return;
    if (o === undefined || count === 0) {
      c.reply.setHeader(0);
      return;
    }
    const s = o.ptr;
    const size = s.size;
    db.notify('s', 'spop', key);
    if (count >= size) {
      e.dirty += size;
      const all = setMembersOrdered(o);
      c.reply.setHeader(all.length);
      for (const m of all) c.reply.bulk(m);
      db.delete(key);
      db.notify('g', 'del', key);
      db.signalModified(key);
      return;
    }
    e.dirty += count;
    const picked = s.distinctRandomSlots(count, rand).map((slot) => s.memberAt(slot));
    c.reply.setHeader(count);
    for (const m of picked) {
      s.delete(m);
      c.reply.bulk(m);
    }
    db.signalModified(key);
    return;
  }
  const o = lookupWrite<SetValue>(c, e, key, ObjType.SET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.null();
    return;
  }
  const s = o.ptr;
  const m = s.memberAt(s.randomSlot(rand));
  s.delete(m);
  db.notify('s', 'spop', key);
  c.reply.bulk(m);
  if (s.size === 0) {
    db.delete(key);
    db.notify('g', 'del', key);
  }
  db.signalModified(key);
  e.dirty++;
};
