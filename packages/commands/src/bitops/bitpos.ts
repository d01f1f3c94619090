// BITPOS key bit [start [end [BYTE|BIT]]]: position of the first set or clear bit. Clear bits past the end of the
// string count as found (the string is zero padded) unless an explicit end was given, as in Redis.
import { ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { lookupRead } from '../util/lookup.js';
import { parseInt64, parseIntNum } from '../util/number.js';
import { firstBit, firstBitInByte, resolveBitRange } from './bitops-generic.js';

/** First `bit` in one byte, as redisBitpos over a single byte: -1 (no set bit) or 8 (no clear bit) when absent. */
function firstBitOfByte(b: number, bit: number): number {
  if (bit ? b === 0 : b === 0xff) return bit ? -1 : 8;
  return firstBitInByte(b, bit);
}

export const bitposCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const bit = parseIntNum(argv[2]!);
  if (bit === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  if (bit !== 0 && bit !== 1) {
    e.replyError(c, 'ERR The bit argument must be 1 or 0.');
    return;
  }
  const o = lookupRead<string>(c, e, argv[1]!, ObjType.STRING);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(bit ? -1 : 0);
    return;
  }
  const s = o.ptr;
  const strlen = s.length;
  let start: number;
  let end: number;
  let endGiven = false;
  let firstMask = 0;
  let lastMask = 0;
  if (argv.length >= 4 && argv.length <= 6) {
    const startArg = parseInt64(argv[3]!);
    if (startArg === null) {
      e.replyError(c, Err.NOT_INTEGER);
      return;
    }
    let isBit = false;
    if (argv.length === 6) {
      const unit = argv[5]!.toLowerCase();
      if (unit === 'bit') isBit = true;
      else if (unit !== 'byte') {
        e.replyError(c, Err.SYNTAX);
        return;
      }
    }
    let endArg: bigint;
    if (argv.length >= 5) {
      const v = parseInt64(argv[4]!);
      if (v === null) {
        e.replyError(c, Err.NOT_INTEGER);
        return;
      }
      endArg = v;
      endGiven = true;
    } else {
      endArg = isBit ? BigInt(strlen) * 8n + 7n : BigInt(strlen) - 1n;
    }
    const r = resolveBitRange(strlen, startArg, endArg, isBit);
    start = r.start;
    end = r.end;
    firstMask = r.firstMask;
    lastMask = r.lastMask;
  } else if (argv.length === 3) {
    start = 0;
    end = strlen - 1;
  } else {
    e.replyError(c, Err.SYNTAX);
    return;
  }

  if (start > end) {
    c.reply.integer(-1);
    return;
  }
  let bytes = end - start + 1;
  let pos: number;
  found: {
    if (firstMask) {
      let b = bit ? s.charCodeAt(start) & ~firstMask : s.charCodeAt(start) | firstMask;
      if (lastMask && bytes === 1) b = bit ? b & ~lastMask : b | lastMask;
      pos = firstBitOfByte(b & 0xff, bit);
      if (bytes === 1 || (pos !== -1 && pos !== 8)) break found;
      start++;
      bytes--;
    }
    const whole = bytes - (lastMask ? 1 : 0);
    if (whole > 0) {
      pos = firstBit(s, start, whole, bit);
      if (bytes === whole || (pos !== -1 && pos !== whole * 8)) break found;
      start += whole;
      bytes -= whole;
    }
    const b = bit ? s.charCodeAt(end) & ~lastMask : s.charCodeAt(end) | lastMask;
    pos = firstBitOfByte(b & 0xff, bit);
  }
  if (endGiven && bit === 0 && pos === bytes * 8) {
    c.reply.integer(-1);
    return;
  }
  if (pos !== -1) pos += start * 8;
  c.reply.integer(pos);
};
