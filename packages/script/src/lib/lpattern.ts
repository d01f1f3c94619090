// Lua 5.1 patterns (lstrlib.c semantics, written independently): character classes %a %c %d %l %p %s %u %w %x %z
// and their complements, sets with ranges, quantifiers * + - ?, anchors, captures incl. position captures,
// back-references %1-%9, %b balanced matches and %f frontiers. Strings are latin1 JS strings (one char per byte);
// classes follow the C locale (bytes >= 128 belong to no class).
import type { Runtime } from '../runtime.js';

export const CAP_UNFINISHED = -1;
export const CAP_POSITION = -2;
const MAX_CAPTURES = 32;
const L_ESC = 37; // '%'

/** Per pattern: a 256-entry membership table for each single-character class, built on first use. */
interface PatternCache {
  cls: (Uint8Array | undefined)[];
  /** classEnd(p) + 1 (0 = not computed yet). */
  ends: Int32Array;
}
const classCache = new Map<string, PatternCache>();

export class MatchState {
  level = 0;
  capStart: number[] = [];
  capLen: number[] = [];
  readonly cls: (Uint8Array | undefined)[];
  readonly ends: Int32Array;
  constructor(
    readonly R: Runtime,
    readonly src: string,
    readonly pat: string,
  ) {
    let c = classCache.get(pat);
    if (c === undefined) {
      if (classCache.size >= 512) classCache.clear();
      c = { cls: [], ends: new Int32Array(pat.length + 1) };
      classCache.set(pat, c);
    }
    this.cls = c.cls;
    this.ends = c.ends;
  }

  private buildClass(p: number, ep: number): Uint8Array {
    const t = new Uint8Array(256);
    const pc = this.pat.charCodeAt(p);
    for (let c = 0; c < 256; c++) {
      let m: boolean;
      if (pc === 46) m = true;
      else if (pc === L_ESC) m = matchClass(c, this.pat.charCodeAt(p + 1));
      else if (pc === 91) m = this.matchBracketClass(c, p, ep - 1);
      else m = pc === c;
      t[c] = m ? 1 : 0;
    }
    this.cls[p] = t;
    return t;
  }

  error(msg: string): never {
    this.R.error(msg);
  }

  // ---- classes ----

  classEnd(p: number): number {
    const e = this.ends[p] as number;
    if (e !== 0) return e - 1;
    const r = this.classEndRaw(p);
    this.ends[p] = r + 1;
    return r;
  }

  classEndRaw(p: number): number {
    const pat = this.pat;
    const c = pat.charCodeAt(p++);
    if (c === L_ESC) {
      if (p >= pat.length) this.error("malformed pattern (ends with '%')");
      return p + 1;
    }
    if (c === 91 /* [ */) {
      if (pat.charCodeAt(p) === 94) p++;
      do {
        if (p >= pat.length) this.error("malformed pattern (missing ']')");
        const cc = pat.charCodeAt(p++);
        if (cc === L_ESC && p < pat.length) p++;
      } while (pat.charCodeAt(p) !== 93);
      return p + 1;
    }
    return p;
  }

  matchBracketClass(c: number, p: number, ec: number): boolean {
    const pat = this.pat;
    let sig = true;
    if (pat.charCodeAt(p + 1) === 94) {
      sig = false;
      p++;
    }
    while (++p < ec) {
      const pc = pat.charCodeAt(p);
      if (pc === L_ESC) {
        p++;
        if (matchClass(c, pat.charCodeAt(p))) return sig;
      } else if (pat.charCodeAt(p + 1) === 45 /* - */ && p + 2 < ec) {
        p += 2;
        if (pc <= c && c <= pat.charCodeAt(p)) return sig;
      } else if (pc === c) return sig;
    }
    return !sig;
  }

  singleMatch(s: number, p: number, ep: number): boolean {
    if (s >= this.src.length) return false;
    const c = this.src.charCodeAt(s);
    const t = this.cls[p];
    if (t !== undefined) return t[c] === 1;
    if (c < 256) return this.buildClass(p, ep)[c] === 1;
    const pc = this.pat.charCodeAt(p);
    switch (pc) {
      case 46: // '.'
        return true;
      case L_ESC:
        return matchClass(c, this.pat.charCodeAt(p + 1));
      case 91:
        return this.matchBracketClass(c, p, ep - 1);
      default:
        return pc === c;
    }
  }

  // ---- matching ----

  match(s: number, p: number): number {
    const pat = this.pat;
    const src = this.src;
    for (;;) {
      if (p >= pat.length) return s;
      const pc = pat.charCodeAt(p);
      switch (pc) {
        case 40: // '('
          if (pat.charCodeAt(p + 1) === 41) return this.startCapture(s, p + 2, CAP_POSITION);
          return this.startCapture(s, p + 1, CAP_UNFINISHED);
        case 41: // ')'
          return this.endCapture(s, p + 1);
        case L_ESC: {
          const nc = pat.charCodeAt(p + 1);
          if (nc === 98 /* b */) {
            s = this.matchBalance(s, p + 2);
            if (s === -1) return -1;
            p += 4;
            continue;
          }
          if (nc === 102 /* f */) {
            p += 2;
            if (pat.charCodeAt(p) !== 91) this.error("missing '[' after '%f' in pattern");
            const ep = this.classEnd(p);
            const prev = s === 0 ? 0 : src.charCodeAt(s - 1);
            const cur = s < src.length ? src.charCodeAt(s) : 0;
            if (!this.matchBracketClass(prev, p, ep - 1) && this.matchBracketClass(cur, p, ep - 1)) {
              p = ep;
              continue;
            }
            return -1;
          }
          if (nc >= 48 && nc <= 57) {
            s = this.matchCapture(s, nc);
            if (s === -1) return -1;
            p += 2;
            continue;
          }
          break;
        }
        case 36: // '$'
          if (p + 1 === pat.length) return s === src.length ? s : -1;
          break;
        default:
          break;
      }
      if (pc !== 91 && pc !== 46 && pc !== L_ESC) {
        // a literal character: the common case, without classEnd/singleMatch
        const q = p + 1 < pat.length ? pat.charCodeAt(p + 1) : -1;
        if (q !== 42 && q !== 43 && q !== 45 && q !== 63) {
          if (s < src.length && src.charCodeAt(s) === pc) {
            s++;
            p++;
            continue;
          }
          return -1;
        }
      }
      const ep = this.classEnd(p);
      const m = this.singleMatch(s, p, ep);
      const epc = ep < pat.length ? pat.charCodeAt(ep) : -1;
      switch (epc) {
        case 63: { // '?'
          if (m) {
            const r = this.match(s + 1, ep + 1);
            if (r !== -1) return r;
          }
          p = ep + 1;
          continue;
        }
        case 42: // '*'
          return this.maxExpand(s, p, ep);
        case 43: // '+'
          return m ? this.maxExpand(s + 1, p, ep) : -1;
        case 45: // '-'
          return this.minExpand(s, p, ep);
        default:
          if (!m) return -1;
          s++;
          p = ep;
          continue;
      }
    }
  }

  maxExpand(s: number, p: number, ep: number): number {
    // the longest run of the single class, read straight from its 256-entry table
    const src = this.src;
    const n = src.length;
    const t = this.cls[p] ?? this.buildClass(p, ep);
    let k = s;
    for (; k < n; k++) {
      const c = src.charCodeAt(k);
      if (c < 256 ? t[c] !== 1 : !this.singleMatch(k, p, ep)) break;
    }
    let i = k - s;
    while (i >= 0) {
      const r = this.match(s + i, ep + 1);
      if (r !== -1) return r;
      i--;
    }
    return -1;
  }

  minExpand(s: number, p: number, ep: number): number {
    for (;;) {
      const r = this.match(s, ep + 1);
      if (r !== -1) return r;
      if (this.singleMatch(s, p, ep)) s++;
      else return -1;
    }
  }

  startCapture(s: number, p: number, what: number): number {
    const level = this.level;
    if (level >= MAX_CAPTURES) this.error('too many captures');
    this.capStart[level] = s;
    this.capLen[level] = what;
    this.level = level + 1;
    const r = this.match(s, p);
    if (r === -1) this.level--;
    return r;
  }

  endCapture(s: number, p: number): number {
    const l = this.captureToClose();
    this.capLen[l] = s - (this.capStart[l] as number);
    const r = this.match(s, p);
    if (r === -1) this.capLen[l] = CAP_UNFINISHED;
    return r;
  }

  captureToClose(): number {
    let level = this.level;
    for (level--; level >= 0; level--) if (this.capLen[level] === CAP_UNFINISHED) return level;
    this.error('invalid pattern capture');
  }

  matchBalance(s: number, p: number): number {
    const pat = this.pat;
    if (p + 1 >= pat.length) this.error('unbalanced pattern');
    const src = this.src;
    if (s >= src.length || src.charCodeAt(s) !== pat.charCodeAt(p)) return -1;
    const b = pat.charCodeAt(p);
    const e = pat.charCodeAt(p + 1);
    let cont = 1;
    while (++s < src.length) {
      const c = src.charCodeAt(s);
      if (c === e) {
        if (--cont === 0) return s + 1;
      } else if (c === b) cont++;
    }
    return -1;
  }

  matchCapture(s: number, lc: number): number {
    const l = this.checkCapture(lc);
    const start = this.capStart[l] as number;
    const len = this.capLen[l] as number;
    if (this.src.length - s >= len && this.src.substr(start, len) === this.src.substr(s, len)) return s + len;
    return -1;
  }

  checkCapture(lc: number): number {
    const l = lc - 49; // '1'
    if (l < 0 || l >= this.level || this.capLen[l] === CAP_UNFINISHED) this.error('invalid capture index');
    return l;
  }

  /** Capture i of a match [s, e): string, or position number. */
  capture(i: number, s: number, e: number): unknown {
    if (i >= this.level) {
      if (i === 0) return this.src.slice(s, e);
      this.error('invalid capture index');
    }
    const l = this.capLen[i] as number;
    const st = this.capStart[i] as number;
    if (l === CAP_UNFINISHED) this.error('unfinished capture');
    if (l === CAP_POSITION) return st + 1;
    return this.src.substr(st, l);
  }

  /** All captures (or the whole match when the pattern has none). */
  captures(s: number, e: number, wholeIfNone: boolean): unknown[] {
    const n = this.level === 0 && wholeIfNone ? 1 : this.level;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = this.capture(i, s, e);
    return out;
  }
}

export function matchClass(c: number, cl: number): boolean {
  let res: boolean;
  const lower = cl | 0x20;
  switch (lower) {
    case 97: res = isalpha(c); break; // a
    case 99: res = c < 32 || c === 127; break; // c
    case 100: res = c >= 48 && c <= 57; break; // d
    case 108: res = c >= 97 && c <= 122; break; // l
    case 112: res = ispunct(c); break; // p
    case 115: res = c === 32 || (c >= 9 && c <= 13); break; // s
    case 117: res = c >= 65 && c <= 90; break; // u
    case 119: res = isalpha(c) || (c >= 48 && c <= 57); break; // w
    case 120: res = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70); break; // x
    case 122: res = c === 0; break; // z
    default:
      return cl === c;
  }
  if (cl >= 65 && cl <= 90) return !res;
  return res;
}

function isalpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function ispunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

const SPECIALS = /[\^$*+?.([%-]/;

/**
 * When an unanchored pattern starts with a literal character (not optional), the only positions where a
 * match can start are occurrences of that character: returns its code, or -1.
 */
export function firstLiteral(p: string, p0: number): number {
  if (p0 >= p.length) return -1;
  const c = p.charCodeAt(p0);
  if ('^$*+?.([%-)'.includes(p[p0] as string)) return -1;
  const q = p[p0 + 1];
  if (q === '*' || q === '?' || q === '-') return -1;
  return c;
}

export function hasSpecials(p: string): boolean {
  return SPECIALS.test(p);
}
