// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: longest common subsequence by the classic DP
// table, then a walk back from the end emitting match ranges in the same order (and with the same range-joining
// rules) as Redis 7.0, so IDX replies are identical. The table is bounded by proto-max-bulk-len as in Redis.
import { ObjType } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';

export const lcsCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const oa = c.db.lookupRead(argv[1]!);
  const ob = c.db.lookupRead(argv[2]!);
  if ((oa && oa.type !== ObjType.STRING) || (ob && ob.type !== ObjType.STRING)) {
    e.replyError(c, 'ERR The specified keys must contain string values');
    return;
  }
  const a = oa ? (oa.ptr as string) : '';
  const b = ob ? (ob.ptr as string) : '';
  let getLen = false;
  let getIdx = false;
  let withMatchLen = false;
  let minMatchLen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!.toUpperCase();
    const more = argv.length - 1 - j;
    if (opt === 'IDX') getIdx = true;
    else if (opt === 'LEN') getLen = true;
    else if (opt === 'WITHMATCHLEN') withMatchLen = true;
    else if (opt === 'MINMATCHLEN' && more > 0) {
      const v = parseInt64(argv[++j]!);
      if (v === null) {
        e.replyError(c, Err.NOT_INTEGER);
        return;
      }
      minMatchLen = v < 0n ? 0 : v > 4294967295n ? 4294967295 : Number(v);
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  if (getLen && getIdx) {
    e.replyError(c, 'ERR If you want both the length and indexes, please just use IDX.');
    return;
  }
  const alen = a.length;
  const blen = b.length;
  const cells = (alen + 1) * (blen + 1);
  if (cells * 4 > e.config.getNumber('proto-max-bulk-len')) {
    e.replyError(c, 'ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
    return;
  }
  const w = blen + 1;
  const t = new Uint32Array(cells);
  for (let i = 1; i <= alen; i++) {
    const ai = a.charCodeAt(i - 1);
    const row = i * w;
    const prev = row - w;
    for (let j = 1; j <= blen; j++) {
      if (ai === b.charCodeAt(j - 1)) t[row + j] = t[prev + j - 1]! + 1;
      else {
        const up = t[prev + j]!;
        const left = t[row + j - 1]!;
        t[row + j] = up > left ? up : left;
      }
    }
  }
  const total = t[alen * w + blen]!;
  if (getLen) {
    c.reply.integer(total);
    return;
  }
  const result: string[] = new Array<string>(total);
  const ranges: number[][] = [];
  let idx = total;
  let i = alen;
  let j = blen;
  let aStart = alen; // alen = no open range
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      result[idx - 1] = a[i - 1]!;
      if (aStart === alen) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else emit = true;
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      if (t[(i - 1) * w + j]! > t[i * w + j - 1]!) i--;
      else j--;
      if (aStart !== alen) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (getIdx && (minMatchLen === 0 || matchLen >= minMatchLen)) ranges.push([aStart, aEnd, bStart, bEnd, matchLen]);
      aStart = alen;
    }
  }
  if (!getIdx) {
    c.reply.bulk(result.join(''));
    return;
  }
  const r = c.reply;
  r.mapHeader(2);
  r.bulk('matches');
  r.arrayHeader(ranges.length);
  for (const [as, ae, bs, be, ml] of ranges) {
    r.arrayHeader(withMatchLen ? 3 : 2);
    r.arrayHeader(2);
    r.integer(as!);
    r.integer(ae!);
    r.arrayHeader(2);
    r.integer(bs!);
    r.integer(be!);
    if (withMatchLen) r.integer(ml!);
  }
  r.bulk('len');
  r.integer(total);
};
