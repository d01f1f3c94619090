// XRANGE / XREVRANGE (Redis's xrangeGenericCommand): exclusive `(` bounds, COUNT (negative reads as 0, and
// COUNT 0 answers a null array as Redis 7.0 does).
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { bigToNum, lookupStream, parseIntervalOrReply, parseLongOrReply, replyEntries } from './stream-generic.js';

export function xrangeGeneric(c: Client, e: Engine, rev: boolean): void {
  const argv = c.argv;
  const start = parseIntervalOrReply(c, e, rev ? argv[3]! : argv[2]!, true);
  if (start === null) return;
  const end = parseIntervalOrReply(c, e, rev ? argv[2]! : argv[3]!, false);
  if (end === null) return;
  let count = -1;
  for (let j = 4; j < argv.length; j++) {
    const more = argv.length - j - 1;
    if (argv[j]!.toLowerCase() === 'count' && more >= 1) {
      const v = parseLongOrReply(c, e, argv[j + 1]!);
      if (v === null) return;
      count = v < 0n ? 0 : bigToNum(v);
      j++;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const o = lookupStream(c, e, argv[1]!, false);
  if (o === null) return;
  if (o === undefined) {
    c.reply.arrayHeader(0);
    return;
  }
  if (count === 0) {
    c.reply.nullArray();
    return;
  }
  replyEntries(c, o.ptr.range(start, end, rev, count === -1 ? 0 : count));
}
