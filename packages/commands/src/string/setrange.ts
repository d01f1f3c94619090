// SETRANGE key offset value
import { createStringObject, ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { keyChanged, lookupWrite } from '../util/lookup.js';
import { parseIntNum } from '../util/number.js';
import { checkStringLength } from './string-generic.js';

export const setrangeCommand: CommandHandler = (c, e) => {
  const key = c.argv[1]!;
  const offset = parseIntNum(c.argv[2]!);
  const value = c.argv[3]!;
  if (offset === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  if (offset < 0) {
    e.replyError(c, 'ERR offset is out of range');
    return;
  }
  const o = lookupWrite<string>(c, e, key, ObjType.STRING);
  if (o === null) return;
  if (o === undefined) {
    if (value.length === 0) {
      c.reply.integer(0);
      return;
    }
    if (!checkStringLength(c, e, offset + value.length)) return;
    c.db.set(key, createStringObject('\0'.repeat(offset) + value));
    keyChanged(c, e, key, '$', 'setrange');
    c.reply.integer(offset + value.length);
    return;
  }
  const cur = o.ptr;
  if (value.length === 0) {
    c.reply.integer(cur.length);
    return;
  }
  if (!checkStringLength(c, e, offset + value.length)) return;
  const head = cur.length >= offset ? cur.slice(0, offset) : cur + '\0'.repeat(offset - cur.length);
  const next = head + value + cur.slice(offset + value.length);
  c.db.set(key, createStringObject(next), { keepTtl: true });
  keyChanged(c, e, key, '$', 'setrange');
  c.reply.integer(next.length);
};
