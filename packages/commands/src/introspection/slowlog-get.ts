// SLOWLOG GET [count]: newest entries first, each [id, unix time, usec, argv, client addr, client name].
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';

export const slowlogGetCommand: CommandHandler = (c, e) => {
  const log = e.stats.slowlog;
  let count = 10;
  if (c.argv.length === 3) {
    const n = parseInt64(c.argv[2]!);
    if (n === null || n < -1n) {
      e.replyError(c, 'ERR count should be greater than or equal to -1');
      return;
    }
    count = n === -1n ? log.length : Number(n > BigInt(log.length) ? BigInt(log.length) : n);
  }
  const n = Math.min(count, log.length);
  const r = c.reply;
  r.arrayHeader(n);
  for (let i = 0; i < n; i++) {
    const s = log[i]!;
    r.arrayHeader(6);
    r.integer(s.id);
    r.integer(s.time);
    r.integer(s.usec);
    r.arrayHeader(s.argv.length);
    for (const a of s.argv) r.bulk(a);
    r.bulk(s.addr);
    r.bulk(s.name);
  }
};
