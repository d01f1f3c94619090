// XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-ms] [RETRYCOUNT count] [FORCE]
//   [JUSTID] [LASTID id]
import type { CommandHandler } from '../types.js';
import { parseStreamId, StreamNack, type StreamConsumer, type StreamId } from '@redwing/store';
import { sanitize } from '../errors.js';
import {
  bigToNum,
  lookupOrCreateConsumer,
  lookupStream,
  noGroupError,
  parseIdOrReply,
  parseLongOrReply,
  replyEntry,
  replyId,
} from './stream-generic.js';

export const xclaimCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const o = lookupStream(c, e, key, true);
  if (o === null) return;
  const g = o?.ptr.getGroup(argv[2]!);
  if (o === undefined || g === undefined) {
    e.replyError(c, noGroupError(key, argv[2]!));
    return;
  }
  const mi = parseLongOrReply(c, e, argv[4]!, 'Invalid min-idle-time argument for XCLAIM');
  if (mi === null) return;
  const minIdle = mi < 0n ? 0 : bigToNum(mi);
  const ids: StreamId[] = [];
  let j = 5;
  for (; j < argv.length; j++) {
    const p = parseStreamId(argv[j]!, 0n, true);
    if (p === null) break;
    ids.push(p.id);
  }
  const now = Date.now();
  let deliveryTime = -1;
  let retryCount = -1;
  let force = false;
  let justId = false;
  let lastId = 0n;
  for (; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j]!.toLowerCase();
    if (opt === 'force') force = true;
    else if (opt === 'justid') justId = true;
    else if (opt === 'idle' && more) {
      const v = parseLongOrReply(c, e, argv[++j]!, 'Invalid IDLE option argument for XCLAIM');
      if (v === null) return;
      deliveryTime = now - bigToNum(v);
    } else if (opt === 'time' && more) {
      const v = parseLongOrReply(c, e, argv[++j]!, 'Invalid TIME option argument for XCLAIM');
      if (v === null) return;
      deliveryTime = bigToNum(v);
    } else if (opt === 'retrycount' && more) {
      const v = parseLongOrReply(c, e, argv[++j]!, 'Invalid RETRYCOUNT option argument for XCLAIM');
      if (v === null) return;
      retryCount = bigToNum(v);
    } else if (opt === 'lastid' && more) {
      const v = parseIdOrReply(c, e, argv[++j]!, 0n, true);
      if (v === null) return;
      lastId = v;
    } else {
      e.replyError(c, sanitize(`ERR Unrecognized XCLAIM option '${argv[j]!}'`));
      return;
    }
  }
  if (lastId > g.lastId) g.lastId = lastId;
  if (deliveryTime !== -1) {
    if (deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
  } else deliveryTime = now;
  const s = o.ptr;
  let consumer: StreamConsumer | undefined;
  const h = c.reply.deferArray();
  let n = 0;
  let dirty = 0;
  for (const id of ids) {
    let nack = g.pel.get(id);
    const en = s.get(id);
    if (en === undefined) {
      if (nack !== undefined) {
        g.ack(id);
        dirty++;
      }
      continue;
    }
    if (force && nack === undefined) {
      nack = new StreamNack(null, now, 0);
      g.pel.set(id, nack);
    }
    if (nack === undefined) continue;
    if (nack.consumer !== null && minIdle && now - nack.deliveryTime < minIdle) continue;
    consumer ??= lookupOrCreateConsumer(c, e, g, argv[3]!, key);
    nack.deliveryTime = deliveryTime;
    if (retryCount >= 0) nack.deliveryCount = retryCount;
    else if (!justId) nack.deliveryCount++;
    g.assign(id, nack, consumer);
    if (justId) replyId(c, id);
    else replyEntry(c, en);
    n++;
    dirty++;
  }
  c.reply.setDeferredArray(h, n);
  c.db.signalModified(key);
  e.dirty += dirty + 1;
};
