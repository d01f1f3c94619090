// GETRANGE key start end (negative indexes count from the end)
import { ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { lookupRead } from '../util/lookup.js';
import { parseIntNum } from '../util/number.js';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';

export function getrangeGeneric(c: Client, e: Engine): void {
  const startArg = parseIntNum(c.argv[2]!);
  const endArg = parseIntNum(c.argv[3]!);
  if (startArg === null || endArg === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  let start = startArg;
  let end = endArg;
  const o = lookupRead<string>(c, e, c.argv[1]!, ObjType.STRING);
  if (o === null) return;
  if (o === undefined) {
    c.reply.bulk('');
    return;
  }
  const s = o.ptr;
  const len = s.length;
  if (start < 0 && end < 0 && start > end) {
    c.reply.bulk('');
    return;
  }
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (len === 0 || start > end) {
    c.reply.bulk('');
    return;
  }
  c.reply.bulk(s.slice(start, end + 1));
}

export const getrangeCommand: CommandHandler = getrangeGeneric;
