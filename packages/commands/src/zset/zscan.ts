// ZSCAN key cursor [MATCH pattern] [COUNT count]: listpack-encoded sets answer whole with cursor 0 (as Redis);
// skiplist-encoded ones walk the set's stable slot order (a member present for the whole scan is returned).
import { Encoding, ObjType, type ZNode, type ZSet } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { globMatch } from '../util/glob.js';
import { lookupRead } from '../util/lookup.js';
import { formatG17 } from '../util/number.js';
import { parseLongOrReply } from './zset-generic.js';

const ULONG_MAX = 18446744073709551615n;

/** Redis's parseScanCursorOrReply (strtoul rules: no leading space, whole string, fits 64 bits). */
function parseCursor(s: string): bigint | null {
  if (s.length === 0) return 0n;
  const m = /^([+-]?)(\d+)$/.exec(s);
  if (m === null) return null;
  let v = BigInt(m[2]!);
  if (v > ULONG_MAX) return null;
  if (m[1] === '-') v = (ULONG_MAX + 1n - v) & ULONG_MAX;
  return v;
}

export const zscanCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const cursor = parseCursor(argv[2]!);
  if (cursor === null) {
    e.replyError(c, 'ERR invalid cursor');
    return;
  }
  const o = lookupRead<ZSet>(c, e, argv[1]!, ObjType.ZSET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.arrayHeader(2);
    c.reply.bulk('0');
    c.reply.arrayHeader(0);
    return;
  }
  let count = 10;
  let pat: string | null = null;
  for (let i = 3; i < argv.length; ) {
    const left = argv.length - i;
    const opt = argv[i]!.toLowerCase();
    if (opt === 'count' && left >= 2) {
      const v = parseLongOrReply(c, e, argv[i + 1]!);
      if (v === null) return;
      if (v < 1) {
        e.replyError(c, Err.SYNTAX);
        return;
      }
      count = v;
      i += 2;
    } else if (opt === 'match' && left >= 2) {
      pat = argv[i + 1]!;
      if (pat === '*') pat = null;
      i += 2;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const z = o.ptr;
  const found: ZNode[] = [];
  let next = 0n;
  if (o.encoding === Encoding.LISTPACK) {
    for (let n = z.first(); n !== null; n = n.next) found.push(n);
  } else {
    next = z.scan(cursor, count, (n) => found.push(n));
  }
  const out = pat === null ? found : found.filter((n) => globMatch(pat, n.member));
  c.reply.arrayHeader(2);
  c.reply.bulk(next.toString());
  c.reply.arrayHeader(out.length * 2);
  for (const n of out) {
    c.reply.bulk(n.member);
    c.reply.bulk(formatG17(n.score));
  }
};
