// INCRBYFLOAT key increment
import { createStringObject, ObjType } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { keyChanged, lookupWrite } from '../util/lookup.js';
import { formatHumanFloat, parseFloatStrict } from '../util/number.js';

export const incrbyfloatCommand: CommandHandler = (c, e) => {
  const key = c.argv[1]!;
  const by = parseFloatStrict(c.argv[2]!);
  if (by === null) {
    e.replyError(c, Err.NOT_FLOAT);
    return;
  }
  const o = lookupWrite<string>(c, e, key, ObjType.STRING);
  if (o === null) return;
  let cur = 0;
  if (o !== undefined) {
    const v = parseFloatStrict(o.ptr);
    if (v === null) {
      e.replyError(c, Err.NOT_FLOAT);
      return;
    }
    cur = v;
  }
  const next = cur + by;
  if (!Number.isFinite(next)) {
    e.replyError(c, Err.INCR_NAN_INF);
    return;
  }
  const text = formatHumanFloat(next);
  c.db.set(key, createStringObject(text), o !== undefined ? { keepTtl: true } : undefined);
  keyChanged(c, e, key, '$', 'incrbyfloat');
  c.reply.bulk(text);
};
