// SSCAN key cursor [MATCH pattern] [COUNT count]: an intset answers whole (numeric order) with cursor 0, as
// Redis; a hashtable set is walked by the store's stable slot cursor (members present throughout come at least once).
import { Encoding, ObjType, type SetValue } from '@redwing/store';
import { parseScanCursor } from '../keys/keys-generic.js';
import type { CommandHandler } from '../types.js';
import { parseElementScanOptions } from '../util/collection-scan.js';
import { globMatch } from '../util/glob.js';
import { lookupRead } from '../util/lookup.js';

export const sscanCommand: CommandHandler = (c, e) => {
  const cursor = parseScanCursor(c, e, c.argv[2]!);
  if (cursor === null) return;
  const o = lookupRead<SetValue>(c, e, c.argv[1]!, ObjType.SET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.arrayHeader(2);
    c.reply.bulk('0');
    c.reply.arrayHeader(0);
    return;
  }
  const opts = parseElementScanOptions(c, e, 3);
  if (opts === null) return;
  const s = o.ptr;
  const pat = opts.pattern;
  let found: readonly string[];
  let next = 0n;
  if (o.encoding === Encoding.INTSET) {
    found = s.sortedIntMembers();
  } else {
    const got: string[] = [];
    next = s.scanSlots(cursor, opts.count, (slot) => got.push(s.memberAt(slot)));
    found = got;
  }
  const out = pat === undefined ? found : found.filter((m) => globMatch(pat, m));
  c.reply.arrayHeader(2);
  c.reply.bulk(next.toString());
  c.reply.arrayHeader(out.length);
  for (const m of out) c.reply.bulk(m);
};
