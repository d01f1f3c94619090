// GETBIT key offset: the bit at offset (0 past the end or for a missing key).
import { ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { parseBitOffset } from './bitops-generic.js';

export const getbitCommand: CommandHandler = (c, e) => {
  const offset = parseBitOffset(c, e, c.argv[2]!);
  if (offset === null) return;
  const o = lookupRead<string>(c, e, c.argv[1]!, ObjType.STRING);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const byte = Math.floor(offset / 8);
  const s = o.ptr;
  const bit = byte < s.length ? (s.charCodeAt(byte) >> (7 - (offset & 7))) & 1 : 0;
  c.reply.integer(bit);
};
