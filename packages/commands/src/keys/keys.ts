// KEYS pattern: every live key of the selected db matching the glob pattern (linear, non-backtracking matcher).
import type { CommandHandler } from '../types.js';
import { globMatch } from '../util/glob.js';

export const keysCommand: CommandHandler = (c) => {
  const pat = c.argv[1]!;
  const all = pat === '*';
  const out: string[] = [];
  for (const k of c.db.keys()) if (all || globMatch(pat, k)) out.push(k);
  c.reply.arrayHeader(out.length);
  for (const k of out) c.reply.bulk(k);
};
