// HSCAN key cursor [MATCH pattern] [COUNT count]: a listpack hash answers whole with cursor 0 (as Redis);
// a hashtable one is walked by the store's stable slot cursor (fields present throughout come at least once).
import { Encoding, ObjType, type HashValue } from '@redwing/store';
import { parseScanCursor } from '../keys/keys-generic.js';
import type { CommandHandler } from '../types.js';
import { parseElementScanOptions } from '../util/collection-scan.js';
import { globMatch } from '../util/glob.js';
import { lookupRead } from '../util/lookup.js';

export const hscanCommand: CommandHandler = (c, e) => {
  const cursor = parseScanCursor(c, e, c.argv[2]!);
  if (cursor === null) return;
  const o = lookupRead<HashValue>(c, e, c.argv[1]!, ObjType.HASH);
  if (o === null) return;
  if (o === undefined) {
    c.reply.arrayHeader(2);
    c.reply.bulk('0');
    c.reply.arrayHeader(0);
    return;
  }
  const opts = parseElementScanOptions(c, e, 3);
  if (opts === null) return;
  const h = o.ptr;
  const out: string[] = [];
  const pat = opts.pattern;
  const take = (f: string, v: string): void => {
    if (pat !== undefined && !globMatch(pat, f)) return;
    out.push(f, v);
  };
  let next = 0n;
  if (o.encoding === Encoding.LISTPACK) h.forEach(take);
  else next = h.scanSlots(cursor, opts.count, (s) => take(h.keyAt(s)!, h.valueAt(s)));
  c.reply.arrayHeader(2);
  c.reply.bulk(next.toString());
  c.reply.arrayHeader(out.length);
  for (const s of out) c.reply.bulk(s);
};
