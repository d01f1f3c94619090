// HINCRBYFLOAT key field increment: float add on a field (missing = 0), the result formatted as Redis's
// human-friendly %.17Lf (trailing zeros cut). Arithmetic is IEEE double here (Redis uses long double).
import { hashSet } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { formatHumanFloat, parseFloatStrict } from '../util/number.js';
import { commitHash, hashForWrite } from './hash-generic.js';

export const hincrbyfloatCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const incr = parseFloatStrict(argv[3]!);
  if (incr === null) {
    e.replyError(c, Err.NOT_FLOAT);
    return;
  }
  if (!Number.isFinite(incr)) {
    e.replyError(c, 'ERR value is NaN or Infinity');
    return;
  }
  const w = hashForWrite(c, e, key);
  if (w === null) return;
  const field = argv[2]!;
  let value = 0;
  const cur = w.o.ptr.get(field);
  if (cur !== undefined) {
    const v = parseFloatStrict(cur);
    if (v === null) {
      e.replyError(c, 'ERR hash value is not a float');
      return;
    }
    value = v;
  }
  const next = value + incr;
  if (!Number.isFinite(next)) {
    e.replyError(c, Err.INCR_NAN_INF);
    return;
  }
  const text = formatHumanFloat(next);
  if (w.fresh) commitHash(c, key, w.o);
  hashSet(w.o, field, text, e.keyspace.config);
  c.reply.bulk(text);
  c.db.signalModified(key);
  c.db.notify('h', 'hincrbyfloat', key);
  e.dirty++;
};
