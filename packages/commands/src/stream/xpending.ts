// XPENDING key group [[IDLE min-idle-time] start end count [consumer]]: the summary form or the extended form.
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { bigToNum, lookupStream, noGroupError, parseIntervalOrReply, parseLongOrReply, replyId } from './stream-generic.js';

export const xpendingCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const argc = argv.length;
  const justInfo = argc === 3;
  const key = argv[1]!;
  const groupName = argv[2]!;
  let start = 0n;
  let end = 0n;
  let count = 0;
  let minIdle = 0;
  let consumerName: string | undefined;
  if (argc !== 3 && (argc < 6 || argc > 9)) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  if (argc >= 6) {
    let si = 3;
    if (argv[3]!.toLowerCase() === 'idle') {
      const v = parseLongOrReply(c, e, argv[4]!);
      if (v === null) return;
      if (argc < 8) {
        e.replyError(c, Err.SYNTAX);
        return;
      }
      minIdle = bigToNum(v);
      si += 2;
    }
    const cv = parseLongOrReply(c, e, argv[si + 2]!);
    if (cv === null) return;
    count = cv < 0n ? 0 : bigToNum(cv);
    const s0 = parseIntervalOrReply(c, e, argv[si]!, true);
    if (s0 === null) return;
    const e0 = parseIntervalOrReply(c, e, argv[si + 1]!, false);
    if (e0 === null) return;
    start = s0;
    end = e0;
    if (si + 3 < argc) consumerName = argv[si + 3]!;
  }
  const o = lookupStream(c, e, key, false);
  if (o === null) return;
  const g = o?.ptr.getGroup(groupName);
  if (o === undefined || g === undefined) {
    e.replyError(c, noGroupError(key, groupName));
    return;
  }
  if (justInfo) {
    c.reply.arrayHeader(4);
    c.reply.integer(g.pel.size);
    if (g.pel.size === 0) {
      c.reply.null();
      c.reply.null();
      c.reply.nullArray();
      return;
    }
    replyId(c, g.pel.first()!);
    replyId(c, g.pel.last()!);
    const withPending = g.sortedConsumers().filter((x) => x.pel.size > 0);
    c.reply.arrayHeader(withPending.length);
    for (const x of withPending) {
      c.reply.arrayHeader(2);
      c.reply.bulk(x.name);
      c.reply.bulk(String(x.pel.size));
    }
    return;
  }
  let pel = g.pel;
  if (consumerName !== undefined) {
    const cons = g.consumers.get(consumerName);
    if (cons === undefined) {
      c.reply.arrayHeader(0);
      return;
    }
    pel = cons.pel;
  }
  const now = Date.now();
  const h = c.reply.deferArray();
  let n = 0;
  if (count > 0) {
    for (const [id, nack] of pel.from(start, end)) {
      if (minIdle && now - nack.deliveryTime < minIdle) continue;
      n++;
      c.reply.arrayHeader(4);
      replyId(c, id);
      c.reply.bulk(nack.consumer?.name ?? '');
      c.reply.integer(Math.max(0, now - nack.deliveryTime));
      c.reply.integer(nack.deliveryCount);
      if (--count === 0) break;
    }
  }
  c.reply.setDeferredArray(h, n);
};
