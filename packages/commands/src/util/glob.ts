// Glob-style matching as Redis's stringmatchlen (KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET, ...):
// `*`, `?`, `[abc]`, `[^a-z]`, `\x` escapes, optional case folding. Iterative with a single backtrack point
// per `*`, so the cost is O(pattern * string) at worst and never exponential (BAD-INPUT item 16).

/** Match one `[...]` class starting at pattern index `p` (just after '['). Returns [matched, indexAfterClass]. */
function matchClass(pat: string, p: number, ch: number, nocase: boolean): [boolean, number] {
  const n = pat.length;
  let not = false;
  if (p < n && pat.charCodeAt(p) === 94 /* ^ */) {
    not = true;
    p++;
  }
  let match = false;
  const c = nocase ? lower(ch) : ch;
  while (true) {
    if (p >= n) {
      // unterminated class: Redis treats the end of pattern as the closing bracket
      p = n;
      break;
    }
    const pc = pat.charCodeAt(p);
    if (pc === 92 /* \ */ && p + 2 < n + 1 && p + 1 < n) {
      p++;
      if ((nocase ? lower(pat.charCodeAt(p)) : pat.charCodeAt(p)) === c) match = true;
      p++;
    } else if (pc === 93 /* ] */) {
      p++;
      break;
    } else if (p + 2 < n && pat.charCodeAt(p + 1) === 45 /* - */) {
      let start = pat.charCodeAt(p);
      let end = pat.charCodeAt(p + 2);
      if (start > end) [start, end] = [end, start];
      if (nocase) {
        start = lower(start);
        end = lower(end);
      }
      if (c >= start && c <= end) match = true;
      p += 3;
    } else {
      if ((nocase ? lower(pc) : pc) === c) match = true;
      p++;
    }
  }
  return [not ? !match : match, p];
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

export function globMatch(pattern: string, str: string, nocase = false): boolean {
  const pn = pattern.length;
  const sn = str.length;
  let p = 0;
  let s = 0;
  let starP = -1; // pattern index just after the last '*'
  let starS = -1; // string index that '*' is currently absorbing up to
  while (s < sn) {
    if (p < pn) {
      const pc = pattern.charCodeAt(p);
      if (pc === 42 /* * */) {
        while (p < pn && pattern.charCodeAt(p) === 42) p++;
        if (p === pn) return true;
        starP = p;
        starS = s;
        continue;
      }
      const ch = str.charCodeAt(s);
      if (pc === 63 /* ? */) {
        p++;
        s++;
        continue;
      }
      if (pc === 91 /* [ */) {
        const [ok, next] = matchClass(pattern, p + 1, ch, nocase);
        if (ok) {
          p = next;
          s++;
          continue;
        }
      } else if (pc === 92 /* \ */ && p + 1 < pn) {
        const ec = pattern.charCodeAt(p + 1);
        if (nocase ? lower(ec) === lower(ch) : ec === ch) {
          p += 2;
          s++;
          continue;
        }
      } else if (nocase ? lower(pc) === lower(ch) : pc === ch) {
        p++;
        s++;
        continue;
      }
    }
    // mismatch: let the last '*' absorb one more character
    if (starP < 0) return false;
    p = starP;
    s = ++starS;
  }
  while (p < pn && pattern.charCodeAt(p) === 42) p++;
  return p === pn;
}
