// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]: one step of the store's cursor walk, then the filters
// (pattern, type) as Redis applies them after collecting about COUNT keys.
import { typeName } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { globMatch } from '../util/glob.js';
import { parseIntNum } from '../util/number.js';
import { parseScanCursor } from './keys-generic.js';

export const scanCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const cursor = parseScanCursor(c, e, argv[1]!);
  if (cursor === null) return;
  let count = 10;
  let pat: string | undefined;
  let type: string | undefined;
  for (let i = 2; i < argv.length; i += 2) {
    const opt = argv[i]!.toLowerCase();
    const more = argv.length - i;
    if (opt === 'count' && more >= 2) {
      const n = parseIntNum(argv[i + 1]!);
      if (n === null) {
        e.replyError(c, Err.NOT_INTEGER);
        return;
      }
      if (n < 1) {
        e.replyError(c, Err.SYNTAX);
        return;
      }
      count = n;
    } else if (opt === 'match' && more >= 2) {
      pat = argv[i + 1]!;
      if (pat === '*') pat = undefined;
    } else if (opt === 'type' && more >= 2) {
      type = argv[i + 1]!.toLowerCase();
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const keys: string[] = [];
  const db = c.db;
  const next = db.scan(cursor, Math.min(count, 1 << 30), (k) => keys.push(k));
  const out: string[] = [];
  for (const k of keys) {
    if (pat !== undefined && !globMatch(pat, k)) continue;
    if (type !== undefined) {
      const o = db.peek(k);
      if (o === undefined || typeName(o.type) !== type) continue;
    }
    if (!db.exists(k)) continue;
    out.push(k);
  }
  c.reply.arrayHeader(2);
  c.reply.bulk(next.toString());
  c.reply.arrayHeader(out.length);
  for (const k of out) c.reply.bulk(k);
};
