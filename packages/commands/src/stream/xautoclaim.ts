// XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]: replies [next-start, claimed,
// deleted-ids] (the third element is Redis 7.0's list of pending IDs whose entries no longer exist).
import type { CommandHandler } from '../types.js';
import type { StreamConsumer, StreamId } from '@redwing/store';
import { Err } from '../errors.js';
import { parseInt64 } from '../util/number.js';
import {
  bigToNum,
  lookupOrCreateConsumer,
  lookupStream,
  noGroupError,
  parseIntervalOrReply,
  parseLongOrReply,
  replyEntry,
  replyId,
} from './stream-generic.js';

const ATTEMPTS_FACTOR = 10;
/** LONG_MAX / max(sizeof(streamID), attempts factor). */
const MAX_COUNT = 9223372036854775807n / 16n;

export const xautoclaimCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const mi = parseLongOrReply(c, e, argv[4]!, 'Invalid min-idle-time argument for XAUTOCLAIM');
  if (mi === null) return;
  const minIdle = mi < 0n ? 0 : bigToNum(mi);
  const start = parseIntervalOrReply(c, e, argv[5]!, true);
  if (start === null) return;
  let count = 100;
  let justId = false;
  for (let j = 6; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j]!.toLowerCase();
    if (opt === 'count' && more) {
      const v = parseInt64(argv[j + 1]!);
      if (v === null || v < 1n || v > MAX_COUNT) {
        e.replyError(c, 'ERR COUNT must be > 0');
        return;
      }
      count = bigToNum(v);
      j++;
    } else if (opt === 'justid') justId = true;
    else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const o = lookupStream(c, e, key, true);
  if (o === null) return;
  const g = o?.ptr.getGroup(argv[2]!);
  if (o === undefined || g === undefined) {
    e.replyError(c, noGroupError(key, argv[2]!));
    return;
  }
  const s = o.ptr;
  let attempts = count * ATTEMPTS_FACTOR;
  const now = Date.now();
  let consumer: StreamConsumer | undefined;
  const deleted: StreamId[] = [];
  c.reply.arrayHeader(3);
  // the next-start ID goes first but is known last: collect the claimed entries, then reply
  const claimed: StreamId[] = [];
  let next = 0n;
  const it = g.pel.from(start);
  let dirty = 0;
  while (true) {
    if (attempts === 0 || count === 0) {
      const r = it.next();
      next = r.done === true ? 0n : r.value[0];
      break;
    }
    attempts--;
    const r = it.next();
    if (r.done === true) break;
    const [id, nack] = r.value;
    if (!s.has(id)) {
      g.ack(id);
      deleted.push(id);
      count--;
      dirty++;
      continue;
    }
    if (minIdle && now - nack.deliveryTime < minIdle) continue;
    consumer ??= lookupOrCreateConsumer(c, e, g, argv[3]!, key);
    nack.deliveryTime = now;
    if (!justId) nack.deliveryCount++;
    g.assign(id, nack, consumer);
    claimed.push(id);
    count--;
    dirty++;
  }
  replyId(c, next);
  c.reply.arrayHeader(claimed.length);
  for (const id of claimed) {
    if (justId) replyId(c, id);
    else replyEntry(c, s.get(id)!);
  }
  c.reply.arrayHeader(deleted.length);
  for (const id of deleted) replyId(c, id);
  c.db.signalModified(key);
  e.dirty += dirty;
};
