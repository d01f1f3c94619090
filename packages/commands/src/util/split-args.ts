// Redis's sdssplitargs: split one config-file line into arguments. Bare words end at whitespace; "..." takes
// \n \r \t \b \a \\ \" and \xHH escapes; '...' takes \' only; a closing quote must be followed by whitespace or the
// end. Returns null for unbalanced quotes or text glued to a closing quote.
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  const isSpace = (ch: string): boolean => ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\v' || ch === '\f';
  for (;;) {
    while (i < n && isSpace(line[i]!)) i++;
    if (i >= n) return out;
    let cur = '';
    let inDq = false;
    let inSq = false;
    for (;;) {
      const ch = line[i];
      if (inDq) {
        if (ch === undefined) return null;
        if (ch === '\\' && line[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (ch === '\\' && i + 1 < n) {
          i++;
          const esc = line[i]!;
          cur += esc === 'n' ? '\n' : esc === 'r' ? '\r' : esc === 't' ? '\t' : esc === 'b' ? '\b' : esc === 'a' ? '\x07' : esc;
        } else if (ch === '"') {
          if (i + 1 < n && !isSpace(line[i + 1]!)) return null;
          i++;
          break;
        } else cur += ch;
      } else if (inSq) {
        if (ch === undefined) return null;
        if (ch === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (ch === "'") {
          if (i + 1 < n && !isSpace(line[i + 1]!)) return null;
          i++;
          break;
        } else cur += ch;
      } else {
        if (ch === undefined || isSpace(ch)) break;
        if (ch === '"') inDq = true;
        else if (ch === "'") inSq = true;
        else cur += ch;
      }
      i++;
    }
    out.push(cur);
  }
}

/** Redis's sdscatrepr: the value in double quotes with \\ \" \n \r \t \a \b and \xHH escapes. */
export function quoteRepr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    switch (ch) {
      case 92: out += '\\\\'; break;
      case 34: out += '\\"'; break;
      case 10: out += '\\n'; break;
      case 13: out += '\\r'; break;
      case 9: out += '\\t'; break;
      case 7: out += '\\a'; break;
      case 8: out += '\\b'; break;
      default:
        out += ch >= 32 && ch < 127 ? s[i] : `\\x${ch.toString(16).padStart(2, '0')}`;
    }
  }
  return out + '"';
}
