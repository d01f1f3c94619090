// RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]: create a key from a DUMP
// payload (ours or a real Redis 7.0's, older RDB versions included), with Redis's checks in Redis's order.
import { LRU_CLOCK_MAX, LRU_CLOCK_RESOLUTION, lfuTimeInMinutes, lruClock } from '@redwing/store';
import { Err } from '../errors.js';
import { RdbFormatError } from '../rdb/rdb-errors.js';
import { deserializeValue, verifyDumpPayload } from '../rdb/rdb-value.js';
import { nodeLimits } from '../stream/stream-generic.js';
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';
import { zsetLimits } from '../zset/zset-generic.js';
import { signalIfBlockable } from './keys-generic.js';

export const restoreCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let replace = false;
  let absttl = false;
  let idle = -1n;
  let freq = -1n;
  for (let j = 4; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    const more = argv.length - j - 1;
    if (opt === 'replace') replace = true;
    else if (opt === 'absttl') absttl = true;
    else if (opt === 'idletime' && more >= 1 && freq === -1n) {
      const v = parseInt64(argv[++j]!);
      if (v === null) return e.replyError(c, Err.NOT_INTEGER);
      if (v < 0n) return e.replyError(c, 'ERR Invalid IDLETIME value, must be >= 0');
      idle = v;
    } else if (opt === 'freq' && more >= 1 && idle === -1n) {
      const v = parseInt64(argv[++j]!);
      if (v === null) return e.replyError(c, Err.NOT_INTEGER);
      if (v < 0n || v > 255n) return e.replyError(c, 'ERR Invalid FREQ value, must be >= 0 and <= 255');
      freq = v;
    } else return e.replyError(c, Err.SYNTAX);
  }
  const key = argv[1]!;
  if (!replace && c.db.lookupWrite(key) !== undefined) return e.replyError(c, 'BUSYKEY Target key name already exists.');
  const ttlArg = parseInt64(argv[2]!);
  if (ttlArg === null) return e.replyError(c, Err.NOT_INTEGER);
  if (ttlArg < 0n) return e.replyError(c, 'ERR Invalid TTL value, must be >= 0');
  const body = verifyDumpPayload(Buffer.from(argv[3]!, 'latin1'));
  if (body === null) return e.replyError(c, 'ERR DUMP payload version or checksum are wrong');
  let obj;
  try {
    obj = deserializeValue(body, { config: e.keyspace.config, zsetLimits: zsetLimits(e), streamLimits: nodeLimits(e) });
  } catch (err) {
    if (err instanceof RdbFormatError) return e.replyError(c, 'ERR Bad data format');
    throw err;
  }
  let deleted = false;
  if (replace && c.db.delete(key)) {
    deleted = true;
    c.db.signalReady(key); // a replaced stream wakes its XREADGROUP readers
  }
  let ttl = ttlArg;
  if (ttl !== 0n && !absttl) ttl += BigInt(e.keyspace.now());
  if (ttl !== 0n && ttl <= BigInt(e.keyspace.now()) && !e.keyspace.replica) {
    if (deleted) {
      c.db.signalModified(key);
      c.db.notify('g', 'del', key);
      e.dirty++;
    }
    c.reply.simple('OK');
    return;
  }
  c.db.add(key, obj);
  if (ttl !== 0n) c.db.setExpire(key, Number(ttl));
  // IDLETIME / FREQ seed the object's LRU or LFU data, whichever the maxmemory policy uses (objectSetLRUOrLFU)
  const now = e.keyspace.now();
  if (e.keyspace.config.flags.lfu) {
    if (freq >= 0n) obj.lru = (lfuTimeInMinutes(now) << 8) | Number(freq);
  } else if (idle >= 0n) {
    let abs = lruClock(now) - Math.floor((Number(idle) * 1000) / LRU_CLOCK_RESOLUTION);
    if (abs < 0) abs += LRU_CLOCK_MAX;
    obj.lru = abs;
  }
  signalIfBlockable(c.db, key, obj);
  c.db.signalModified(key);
  c.db.notify('g', 'restore', key);
  e.dirty++;
  c.reply.simple('OK');
};
