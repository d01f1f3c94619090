// HINCRBY key field increment: integer add on a field (missing = 0) with Redis's overflow and type errors.
import { hashSet } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { INT64_MAX, INT64_MIN, parseInt64 } from '../util/number.js';
import { commitHash, hashForWrite } from './hash-generic.js';

export const hincrbyCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const incr = parseInt64(argv[3]!);
  if (incr === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  const w = hashForWrite(c, e, key);
  if (w === null) return;
  const field = argv[2]!;
  let value = 0n;
  const cur = w.o.ptr.get(field);
  if (cur !== undefined) {
    const v = parseInt64(cur);
    if (v === null) {
      e.replyError(c, 'ERR hash value is not an integer');
      return;
    }
    value = v;
  }
  const next = value + incr;
  if (next > INT64_MAX || next < INT64_MIN) {
    e.replyError(c, Err.OVERFLOW);
    return;
  }
  if (w.fresh) commitHash(c, key, w.o);
  hashSet(w.o, field, next.toString(), e.keyspace.config);
  c.reply.integer(next);
  c.db.signalModified(key);
  c.db.notify('h', 'hincrby', key);
  e.dirty++;
};
