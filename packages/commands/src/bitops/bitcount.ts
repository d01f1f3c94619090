// BITCOUNT key [start end [BYTE|BIT]]: number of set bits, in a byte or bit range with negative indexes.
import { ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { lookupRead } from '../util/lookup.js';
import { parseInt64 } from '../util/number.js';
import { BITS_IN_BYTE, popcount, resolveBitRange } from './bitops-generic.js';

export const bitcountCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const o = lookupRead<string>(c, e, argv[1]!, ObjType.STRING);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const s = o.ptr;
  if (argv.length === 2) {
    c.reply.integer(s.length === 0 ? 0 : popcount(s, 0, s.length - 1));
    return;
  }
  if (argv.length !== 4 && argv.length !== 5) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const start = parseInt64(argv[2]!);
  if (start === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  const end = parseInt64(argv[3]!);
  if (end === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  if (start < 0n && end < 0n && start > end) {
    c.reply.integer(0);
    return;
  }
  let isBit = false;
  if (argv.length === 5) {
    const unit = argv[4]!.toLowerCase();
    if (unit === 'bit') isBit = true;
    else if (unit !== 'byte') {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const r = resolveBitRange(s.length, start, end, isBit);
  if (r.start > r.end) {
    c.reply.integer(0);
    return;
  }
  let n = popcount(s, r.start, r.end);
  if (r.firstMask) n -= BITS_IN_BYTE[s.charCodeAt(r.start) & r.firstMask]!;
  if (r.lastMask) n -= BITS_IN_BYTE[s.charCodeAt(r.end) & r.lastMask]!;
  c.reply.integer(n);
};
