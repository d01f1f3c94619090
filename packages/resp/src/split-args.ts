// Splitting of one inline request line into arguments, following the rules of Redis's sdssplitargs: blanks
// separate arguments, "..." understands \n \r \t \b \a \xHH and \<any>, '...' understands only \', and a closing
// quote must be followed by a blank or the end of the line. Returns latin1 strings, or null for unbalanced quotes.

import { fast } from './fast-buffer.js';

function isSpace(c: number): boolean {
  // C isspace() in the "C" locale: space, \t, \n, \v, \f, \r
  return c === 32 || (c >= 9 && c <= 13);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Splits buf[start, end) as Redis splits an inline request. A NUL byte ends the line, as in C. */
export function splitInlineArgs(buf: Buffer, start: number, end: number): string[] | null {
  const out: string[] = [];
  const fb = fast(buf);
  let p = start;
  const at = (i: number): number => (i < end ? (buf[i] ?? 0) : 0);
  while (true) {
    while (p < end && at(p) !== 0 && isSpace(at(p))) p++;
    if (p >= end || at(p) === 0) return out;
    // fast path: a plain token with no quote characters
    let q = p;
    let c = at(q);
    while (c !== 0 && c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 34 && c !== 39) c = at(++q);
    if (c !== 34 && c !== 39) {
      out.push(fb.latin1Slice(p, q));
      p = q;
      continue;
    }
    // slow path: the token contains quotes; build it byte by byte
    const bytes: number[] = [];
    for (let i = p; i < q; i++) bytes.push(at(i));
    p = q;
    let inDq = false;
    let inSq = false;
    let done = false;
    while (!done) {
      c = at(p);
      if (inDq) {
        if (c === 92 && at(p + 1) === 120 && hexValue(at(p + 2)) >= 0 && hexValue(at(p + 3)) >= 0) {
          bytes.push(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === 92 && at(p + 1) !== 0) {
          p++;
          const e = at(p);
          bytes.push(e === 110 ? 10 : e === 114 ? 13 : e === 116 ? 9 : e === 98 ? 8 : e === 97 ? 7 : e);
        } else if (c === 34) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          bytes.push(c);
        }
      } else if (inSq) {
        if (c === 92 && at(p + 1) === 39) {
          p++;
          bytes.push(39);
        } else if (c === 39) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          bytes.push(c);
        }
      } else if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0) {
        done = true;
      } else if (c === 34) {
        inDq = true;
      } else if (c === 39) {
        inSq = true;
      } else {
        bytes.push(c);
      }
      if (c !== 0) p++;
    }
    let s = '';
    for (let i = 0; i < bytes.length; i += 4096) {
      s += String.fromCharCode(...bytes.slice(i, i + 4096));
    }
    out.push(s);
  }
}
