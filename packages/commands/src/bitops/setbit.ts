// SETBIT key offset value: sets or clears one bit, growing the string with zero bytes; replies the old bit.
import { Encoding, ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { keyChanged, lookupWrite } from '../util/lookup.js';
import { parseIntNum } from '../util/number.js';
import { checkBitmapSize, parseBitOffset, storeBitmap } from './bitops-generic.js';

export const setbitCommand: CommandHandler = (c, e) => {
  const key = c.argv[1]!;
  const offset = parseBitOffset(c, e, c.argv[2]!);
  if (offset === null) return;
  const on = parseIntNum(c.argv[3]!);
  if (on === null || (on !== 0 && on !== 1)) {
    e.replyError(c, Err.BIT_VALUE);
    return;
  }
  const o = lookupWrite<string>(c, e, key, ObjType.STRING);
  if (o === null) return;
  if (!checkBitmapSize(c, e, offset)) return;
  const byte = Math.floor(offset / 8);
  const mask = 1 << (7 - (offset & 7));
  const cur = o === undefined ? '' : o.ptr;
  const grows = byte >= cur.length;
  const old = grows ? 0 : cur.charCodeAt(byte);
  const oldBit = old & mask ? 1 : 0;
  if (o !== undefined) o.encoding = Encoding.RAW; // as Redis's dbUnshareStringValue, even when nothing changes
  if (o === undefined || grows || oldBit !== on) {
    const nb = String.fromCharCode(on ? old | mask : old & ~mask);
    const next = grows ? cur + '\0'.repeat(byte - cur.length) + nb : cur.slice(0, byte) + nb + cur.slice(byte + 1);
    storeBitmap(c, key, next, o !== undefined);
    keyChanged(c, e, key, '$', 'setbit');
  }
  c.reply.integer(oldBit);
};
