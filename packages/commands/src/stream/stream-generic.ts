// Shared code of the stream family: ID argument parsing with Redis 7.0's error texts, XADD/XTRIM trimming
// options, entry replies, the NOGROUP / subcommand-syntax errors, and the XREAD/XREADGROUP engine (blocking
// through e.blocking with `$` rewritten to the concrete ID before blocking).
// This file hard-codes Redis's error texts of the family on purpose.
import {
  createStreamObject,
  ENTRIES_READ_INVALID,
  formatStreamId,
  ObjType,
  parseStreamId,
  STREAM_ID_MAX,
  StreamNack,
  type RObject,
  type StreamConsumer,
  type StreamEntry,
  type StreamGroup,
  type StreamId,
  type StreamTrimArgs,
  type StreamValue,
} from '@redwing/store';
import { CF, type Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err, sanitize } from '../errors.js';
import { keyChanged } from '../util/lookup.js';
import { parseInt64 } from '../util/number.js';

export const ERR_INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';
export const ERR_START_INTERVAL = 'ERR invalid start ID for the interval';
export const ERR_END_INTERVAL = 'ERR invalid end ID for the interval';

/** Stream values read through typed lookups. */
export type StreamObject = RObject<StreamValue>;

export function nodeLimits(e: Engine): { nodeMaxEntries: number; nodeMaxBytes: number } {
  return {
    nodeMaxEntries: e.config.getNumber('stream-node-max-entries'),
    nodeMaxBytes: e.config.getNumber('stream-node-max-bytes'),
  };
}

/** Replies the invalid-ID error and returns null when `s` is not an ID (strict refuses `-`/`+`). */
export function parseIdOrReply(c: Client, e: Engine, s: string, missingSeq: bigint, strict: boolean): StreamId | null {
  const p = parseStreamId(s, missingSeq, strict);
  if (p === null) {
    e.replyError(c, ERR_INVALID_ID);
    return null;
  }
  return p.id;
}

/** An interval bound: `(id` is exclusive (incremented / decremented here). Null after replying an error. */
export function parseIntervalOrReply(c: Client, e: Engine, s: string, isStart: boolean): StreamId | null {
  const exclusive = s.length > 1 && s[0] === '(';
  const missingSeq = isStart ? 0n : (1n << 64n) - 1n;
  const id = exclusive ? parseIdOrReply(c, e, s.slice(1), missingSeq, true) : parseIdOrReply(c, e, s, missingSeq, false);
  if (id === null) return null;
  if (!exclusive) return id;
  if (isStart) {
    if (id === STREAM_ID_MAX) {
      e.replyError(c, ERR_START_INTERVAL);
      return null;
    }
    return id + 1n;
  }
  if (id === 0n) {
    e.replyError(c, ERR_END_INTERVAL);
    return null;
  }
  return id - 1n;
}

/** getLongLongFromObjectOrReply with an optional custom message. */
export function parseLongOrReply(c: Client, e: Engine, s: string, msg?: string): bigint | null {
  const v = parseInt64(s);
  if (v === null) e.replyError(c, msg === undefined ? Err.NOT_INTEGER : `ERR ${msg}`);
  return v;
}

export function bigToNum(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : v < BigInt(Number.MIN_SAFE_INTEGER) ? Number.MIN_SAFE_INTEGER : Number(v);
}

export function noGroupError(key: string, group: string, suffix = ''): string {
  return sanitize(`NOGROUP No such key '${key}' or consumer group '${group}'${suffix}`);
}

/** addReplySubcommandSyntaxError. */
export function subcommandSyntaxError(c: Client): string {
  return sanitize(
    `ERR unknown subcommand or wrong number of arguments for '${(c.argv[1] ?? '').slice(0, 128)}'. Try ${(c.argv[0] ?? '').toUpperCase()} HELP.`,
  );
}

// ---- Replies ----

export function replyId(c: Client, id: StreamId): void {
  c.reply.bulk(formatStreamId(id));
}

export function replyEntry(c: Client, en: StreamEntry): void {
  c.reply.arrayHeader(2);
  c.reply.bulk(formatStreamId(en.id));
  c.reply.arrayHeader(en.fields.length);
  for (const f of en.fields) c.reply.bulk(f);
}

export function replyEntries(c: Client, list: readonly StreamEntry[]): void {
  c.reply.arrayHeader(list.length);
  for (const en of list) replyEntry(c, en);
}

// ---- XADD / XTRIM options ----

export interface AddTrimArgs {
  trim: StreamTrimArgs | null;
  noMkstream: boolean;
  idGiven: boolean;
  seqGiven: boolean;
  id: StreamId;
  /** Index of the ID argument (XADD). */
  idPos: number;
}

/** Redis's streamParseAddOrTrimArgsOrReply. Null after replying an error. */
export function parseAddTrimArgs(c: Client, e: Engine, xadd: boolean): AddTrimArgs | null {
  const argv = c.argv;
  const out: AddTrimArgs = { trim: null, noMkstream: false, idGiven: false, seqGiven: true, id: 0n, idPos: 0 };
  let strategy: 'maxlen' | 'minid' | null = null;
  let approx = false;
  let maxlen = 0;
  let minid = 0n;
  let limit = 0;
  let limitGiven = false;
  let i = 2;
  for (; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    const opt = argv[i]!;
    const lower = opt.toLowerCase();
    if (xadd && opt === '*') break;
    if (lower === 'maxlen' && more) {
      if (strategy !== null) {
        e.replyError(c, 'ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
        return null;
      }
      approx = false;
      const next = argv[i + 1]!;
      if (more >= 2 && next === '~') {
        approx = true;
        i++;
      } else if (more >= 2 && next === '=') i++;
      const v = parseLongOrReply(c, e, argv[i + 1]!);
      if (v === null) return null;
      if (v < 0n) {
        e.replyError(c, 'ERR The MAXLEN argument must be >= 0.');
        return null;
      }
      maxlen = bigToNum(v);
      i++;
      strategy = 'maxlen';
    } else if (lower === 'minid' && more) {
      if (strategy !== null) {
        e.replyError(c, 'ERR syntax error, MAXLEN and MINID options at the same time are not compatible');
        return null;
      }
      approx = false;
      const next = argv[i + 1]!;
      if (more >= 2 && next === '~') {
        approx = true;
        i++;
      } else if (more >= 2 && next === '=') i++;
      const id = parseIdOrReply(c, e, argv[i + 1]!, 0n, true);
      if (id === null) return null;
      minid = id;
      i++;
      strategy = 'minid';
    } else if (lower === 'limit' && more) {
      const v = parseLongOrReply(c, e, argv[i + 1]!);
      if (v === null) return null;
      if (v < 0n) {
        e.replyError(c, 'ERR The LIMIT argument must be >= 0.');
        return null;
      }
      limit = bigToNum(v);
      limitGiven = true;
      i++;
    } else if (xadd && lower === 'nomkstream') {
      out.noMkstream = true;
    } else if (xadd) {
      const p = parseStreamId(opt, 0n, true, true);
      if (p === null) {
        e.replyError(c, ERR_INVALID_ID);
        return null;
      }
      out.id = p.id;
      out.seqGiven = p.seqGiven;
      out.idGiven = true;
      break;
    } else {
      e.replyError(c, Err.SYNTAX);
      return null;
    }
  }
  out.idPos = i;
  if (limit && strategy === null) {
    e.replyError(c, 'ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
    return null;
  }
  if (!xadd && strategy === null) {
    e.replyError(c, 'ERR syntax error, XTRIM must be called with a trimming strategy');
    return null;
  }
  if (limitGiven) {
    if (!approx) {
      e.replyError(c, 'ERR syntax error, LIMIT cannot be used without the special ~ option');
      return null;
    }
  } else if (approx) {
    limit = 100 * e.config.getNumber('stream-node-max-entries');
    if (limit <= 0) limit = 10000;
    if (limit > 1000000) limit = 1000000;
  } else limit = 0;
  if (strategy !== null) out.trim = { strategy, maxlen, minid, approx, limit };
  return out;
}

// ---- Lookups ----

/** Read lookup of a stream: undefined when missing, null when WRONGTYPE was replied. */
export function lookupStream(c: Client, e: Engine, key: string, write: boolean): StreamObject | undefined | null {
  const o = write ? c.db.lookupWrite(key) : c.db.lookupRead(key);
  if (o === undefined) return undefined;
  if (o.type !== ObjType.STREAM) {
    e.replyError(c, Err.WRONGTYPE);
    return null;
  }
  return o as StreamObject;
}

/** A new empty stream stored at key. */
export function createStreamKey(c: Client, key: string): StreamObject {
  const o = createStreamObject();
  c.db.add(key, o);
  return c.db.lookupWrite(key) as StreamObject;
}

export function lookupConsumer(g: StreamGroup, name: string, refresh: boolean): StreamConsumer | undefined {
  const cons = g.consumers.get(name);
  if (cons !== undefined && refresh) cons.seenTime = Date.now();
  return cons;
}

/** streamCreateConsumer with its keyspace event and dirty count. */
export function createConsumer(c: Client, e: Engine, g: StreamGroup, name: string, key: string): StreamConsumer | undefined {
  const cons = g.createConsumer(name, Date.now());
  if (cons === undefined) return undefined;
  e.dirty++;
  c.db.notify('t', 'xgroup-createconsumer', key);
  return cons;
}

export function lookupOrCreateConsumer(c: Client, e: Engine, g: StreamGroup, name: string, key: string): StreamConsumer {
  return lookupConsumer(g, name, true) ?? (createConsumer(c, e, g, name, key) as StreamConsumer);
}

// ---- XREAD / XREADGROUP ----

/** Entries a blocked XREAD serves when it gave no COUNT (Redis's XREAD_BLOCKED_DEFAULT_COUNT). */
const XREAD_BLOCKED_DEFAULT_COUNT = 1000;

/** Serves a group read of new entries: delivers, updates last-id/entries-read and the PELs. */
function deliverNew(
  c: Client,
  s: StreamValue,
  g: StreamGroup,
  cons: StreamConsumer,
  start: StreamId,
  count: number,
  noack: boolean,
): void {
  const list = s.range(start, STREAM_ID_MAX, false, count);
  c.reply.arrayHeader(list.length);
  const now = Date.now();
  for (const en of list) {
    s.advanceGroup(g, en.id);
    replyEntry(c, en);
    if (noack) continue;
    const existing = g.pel.get(en.id);
    if (existing === undefined) {
      const nack = new StreamNack(cons, now, 1);
      g.pel.set(en.id, nack);
      cons.pel.set(en.id, nack);
    } else {
      g.assign(en.id, existing, cons);
      existing.deliveryTime = now;
      existing.deliveryCount = 1;
    }
  }
}

/** Serves a consumer's history (its PEL from start): deleted entries come back as [id, nil]. */
function deliverHistory(c: Client, s: StreamValue, cons: StreamConsumer, start: StreamId, count: number): void {
  const h = c.reply.deferArray();
  let n = 0;
  const now = Date.now();
  for (const [id, nack] of cons.pel.from(start)) {
    if (count && n >= count) break;
    const en = s.get(id);
    if (en === undefined) {
      c.reply.arrayHeader(2);
      replyId(c, id);
      c.reply.nullArray();
    } else {
      replyEntry(c, en);
      nack.deliveryTime = now;
      nack.deliveryCount++;
    }
    n++;
  }
  c.reply.setDeferredArray(h, n);
}

/** XREAD and XREADGROUP (Redis's xreadCommand). */
export function xreadGeneric(c: Client, e: Engine, group: boolean): void {
  const argv = c.argv;
  const rerun = e.blocking.isBlocked(c);
  let timeout = -1; // -1: no BLOCK
  let count = 0;
  let streamsArg = 0;
  let nstreams = 0;
  let noack = false;
  let groupName: string | null = null;
  let consumerName = '';
  for (let i = 1; i < argv.length; i++) {
    const more = argv.length - i - 1;
    const o = argv[i]!.toLowerCase();
    if (o === 'block' && more) {
      if ((c.flags & CF.SCRIPT) !== 0) {
        e.replyError(c, `ERR ${argv[0]!} command is not allowed with BLOCK option from scripts`);
        return;
      }
      i++;
      const d = parseMsTimeout(c, e, argv[i]!);
      if (d === null) return;
      timeout = d;
    } else if (o === 'count' && more) {
      i++;
      const v = parseLongOrReply(c, e, argv[i]!);
      if (v === null) return;
      count = v < 0n ? 0 : bigToNum(v);
    } else if (o === 'streams' && more) {
      streamsArg = i + 1;
      nstreams = argv.length - streamsArg;
      if (nstreams % 2 !== 0) {
        e.replyError(c, "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
        return;
      }
      nstreams /= 2;
      break;
    } else if (o === 'group' && more >= 2) {
      if (!group) {
        e.replyError(c, 'ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
        return;
      }
      groupName = argv[i + 1]!;
      consumerName = argv[i + 2]!;
      i += 2;
    } else if (o === 'noack') {
      if (!group) {
        e.replyError(c, 'ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
        return;
      }
      noack = true;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  if (streamsArg === 0) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  if (group && groupName === null) {
    e.replyError(c, 'ERR Missing GROUP option for XREADGROUP');
    return;
  }
  const ids: StreamId[] = [];
  const groups: (StreamGroup | undefined)[] = [];
  let rewritten: string[] | null = null;
  for (let k = 0; k < nstreams; k++) {
    const key = argv[streamsArg + k]!;
    const idArg = argv[streamsArg + nstreams + k]!;
    const raw = c.db.lookupRead(key);
    let o: StreamObject | undefined;
    if (raw !== undefined) {
      if (raw.type !== ObjType.STREAM) {
        if (rerun) {
          // a blocked reader whose key changed type: XREAD keeps waiting, XREADGROUP is told the stream is gone
          if (groupName !== null) {
            e.replyError(c, 'UNBLOCKED the stream key no longer exists');
            return;
          }
          ids.push(0n);
          groups.push(undefined);
          continue;
        }
        e.replyError(c, Err.WRONGTYPE);
        return;
      }
      o = raw as StreamObject;
    }
    if (groupName !== null) {
      const g = o?.ptr.getGroup(groupName);
      if (g === undefined) {
        if (rerun) {
          e.replyError(
            c,
            o === undefined
              ? 'UNBLOCKED the stream key no longer exists'
              : 'NOGROUP the consumer group this client was blocked on no longer exists',
          );
          return;
        }
        e.replyError(c, noGroupError(key, groupName, ' in XREADGROUP with GROUP option'));
        return;
      }
      groups.push(g);
    } else groups.push(undefined);
    if (idArg === '$') {
      if (group) {
        e.replyError(
          c,
          'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
        );
        return;
      }
      const last = o === undefined ? 0n : o.ptr.lastId;
      ids.push(last);
      rewritten ??= [...argv];
      rewritten[streamsArg + nstreams + k] = formatStreamId(last);
      continue;
    }
    if (idArg === '>') {
      if (!group) {
        e.replyError(c, 'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.');
        return;
      }
      ids.push(STREAM_ID_MAX);
      continue;
    }
    const id = parseIdOrReply(c, e, idArg, 0n, true);
    if (id === null) return;
    ids.push(id);
  }

  let served = 0;
  let h = 0;
  for (let k = 0; k < nstreams; k++) {
    const key = argv[streamsArg + k]!;
    const raw = c.db.lookupRead(key);
    if (raw === undefined || raw.type !== ObjType.STREAM) continue;
    const s = (raw as StreamObject).ptr;
    const gt = ids[k]!;
    const g = groups[k];
    let sync = false;
    let history = false;
    if (g !== undefined) {
      if (gt !== STREAM_ID_MAX) {
        sync = true;
        history = true;
      } else if (s.length && s.edgeId(false) > g.lastId) sync = true;
    } else if (s.length && s.edgeId(false) > gt) sync = true;
    if (!sync) continue;
    if (served++ === 0) h = c.resp === 2 ? c.reply.deferArray() : c.reply.deferMap();
    if (c.resp === 2) c.reply.arrayHeader(2);
    c.reply.bulk(key);
    const effCount = rerun && count === 0 ? XREAD_BLOCKED_DEFAULT_COUNT : count;
    if (g !== undefined) {
      const wo = c.db.lookupWrite(key) as StreamObject;
      const ws = wo.ptr;
      const wg = ws.getGroup(groupName!)!;
      const cons = lookupOrCreateConsumer(c, e, wg, consumerName, key);
      if (history) deliverHistory(c, ws, cons, gt + 1n, effCount);
      else deliverNew(c, ws, wg, cons, wg.lastId + 1n, effCount, noack);
      c.db.signalModified(key);
      e.dirty++;
    } else {
      const list = s.range(gt + 1n, STREAM_ID_MAX, false, effCount);
      replyEntries(c, list);
    }
  }
  if (served) {
    if (c.resp === 2) c.reply.setDeferredArray(h, served);
    else c.reply.setDeferredMap(h, served);
    return;
  }
  if (timeout !== -1) {
    if ((c.flags & CF.DENY_BLOCKING) !== 0 || !e.blocking.canBlock(c)) {
      c.reply.nullArray();
      return;
    }
    const keys = argv.slice(streamsArg, streamsArg + nstreams);
    e.blocking.block(c, keys, timeout, 'nullarray', rewritten ?? undefined);
    return;
  }
  c.reply.nullArray();
}

/** BLOCK <ms>: Redis's getTimeoutFromObjectOrReply with UNIT_MILLISECONDS. Absolute deadline, 0 = forever. */
function parseMsTimeout(c: Client, e: Engine, arg: string): number | null {
  const v = parseInt64(arg);
  if (v === null) {
    e.replyError(c, 'ERR timeout is not an integer or out of range');
    return null;
  }
  if (v < 0n) {
    e.replyError(c, Err.TIMEOUT_NEGATIVE);
    return null;
  }
  if (v === 0n) return 0;
  if (v > 9223372036854775807n - BigInt(Date.now())) {
    e.replyError(c, Err.TIMEOUT_OUT_OF_RANGE);
    return null;
  }
  // Node timers cannot wait longer than 2^31-1 ms: such a client waits until served
  return v > 2147483647n ? 0 : Date.now() + Number(v);
}

/** After a write to a stream: WATCH, keyspace event, dirty. */
export function streamChanged(c: Client, e: Engine, key: string, event: string, dirty = 1): void {
  keyChanged(c, e, key, 't', event, dirty);
}

export { ENTRIES_READ_INVALID };
