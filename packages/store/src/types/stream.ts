// The stream type: entries ordered by 128-bit ID (ms and seq, both uint64, held together as one bigint
// `ms << 64 | seq` so IDs are exact up to 2^64-1 and compare with `<`), each a flat list of latin1 field/value
// pairs. Entries live in nodes that mirror Redis's listpack nodes (stream-node-max-entries/-bytes), because
// Redis's observable trimming (`~`, LIMIT) removes whole nodes only; XDEL leaves tombstones inside a node.
// Consumer groups keep last-delivered-id, entries-read, a PEL (id -> nack) shared with per-consumer PELs.
// Callers: the stream command family, COPY (dup), MEMORY USAGE. Nothing here writes a reply.
import { createObject, Encoding, ObjType, registerTypeOps, ROBJECT_BYTES, stringBytes, type RObject } from '../object.js';

// ---- IDs ----

export type StreamId = bigint;
export const U64_MAX = (1n << 64n) - 1n;
export const STREAM_ID_MIN: StreamId = 0n;
export const STREAM_ID_MAX: StreamId = (1n << 128n) - 1n;

export function streamId(ms: bigint, seq: bigint): StreamId {
  return (ms << 64n) | seq;
}
export function streamIdMs(id: StreamId): bigint {
  return id >> 64n;
}
export function streamIdSeq(id: StreamId): bigint {
  return id & U64_MAX;
}
export function formatStreamId(id: StreamId): string {
  return `${id >> 64n}-${id & U64_MAX}`;
}

/** Redis's string2ull: a canonical int64 (negatives refused) or what strtoull accepts in full, up to 2^64-1. */
export function parseU64(s: string): bigint | null {
  if (/^(0|[1-9][0-9]{0,18})$/.test(s)) {
    const v = BigInt(s);
    return v <= 9223372036854775807n ? v : strtoull(s);
  }
  if (/^-[1-9][0-9]{0,18}$/.test(s) && BigInt(s) >= -9223372036854775808n) return null;
  return strtoull(s);
}

function strtoull(s: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(s);
  if (m === null) return null;
  let v = BigInt(m[2]!);
  if (v > U64_MAX) return null;
  if (m[1] === '-') v = (U64_MAX + 1n - v) & U64_MAX;
  return v;
}

export interface ParsedStreamId {
  id: StreamId;
  /** False only when the text was `<ms>-*` (with allowSeqStar): the seq is then picked by XADD. */
  seqGiven: boolean;
}

/**
 * Redis's streamGenericParseIDOrReply: `-`, `+` (refused when strict), `<ms>`, `<ms>-<seq>`, and `<ms>-*` when
 * allowSeqStar. A missing seq takes `missingSeq`. Returns null when invalid.
 */
export function parseStreamId(s: string, missingSeq: bigint, strict: boolean, allowSeqStar = false): ParsedStreamId | null {
  if (s.length > 127) return null;
  const nul = s.indexOf('\0');
  if (nul >= 0) s = s.slice(0, nul);
  if (s === '-' || s === '+') {
    if (strict) return null;
    return { id: s === '-' ? STREAM_ID_MIN : STREAM_ID_MAX, seqGiven: true };
  }
  const dash = s.indexOf('-');
  const msText = dash >= 0 ? s.slice(0, dash) : s;
  const ms = parseU64(msText);
  if (ms === null) return null;
  if (dash < 0) return { id: streamId(ms, missingSeq), seqGiven: true };
  const seqText = s.slice(dash + 1);
  if (allowSeqStar && seqText === '*') return { id: streamId(ms, 0n), seqGiven: false };
  const seq = parseU64(seqText);
  if (seq === null) return null;
  return { id: streamId(ms, seq), seqGiven: true };
}

// ---- Sorted ID map (PELs) ----

/** A map keyed by stream ID that iterates in ID order. Appends are O(1); removals leave holes compacted lazily. */
export class IdMap<V> {
  private keys: StreamId[] = [];
  private readonly map = new Map<StreamId, V>();
  private holes = 0;

  get size(): number {
    return this.map.size;
  }
  get(id: StreamId): V | undefined {
    return this.map.get(id);
  }
  has(id: StreamId): boolean {
    return this.map.has(id);
  }
  set(id: StreamId, v: V): void {
    if (this.map.has(id)) {
      this.map.set(id, v);
      return;
    }
    const keys = this.keys;
    const n = keys.length;
    if (n === 0 || keys[n - 1]! < id) keys.push(id);
    else {
      const i = lowerBound(keys, id);
      if (keys[i] === id) this.holes--;
      else keys.splice(i, 0, id);
    }
    this.map.set(id, v);
  }
  delete(id: StreamId): boolean {
    if (!this.map.delete(id)) return false;
    this.holes++;
    if (this.map.size === 0) {
      this.keys = [];
      this.holes = 0;
    } else if (this.holes > 32 && this.holes * 2 > this.keys.length) {
      this.keys = this.keys.filter((k) => this.map.has(k));
      this.holes = 0;
    }
    return true;
  }
  first(): StreamId | undefined {
    for (const k of this.keys) if (this.map.has(k)) return k;
    return undefined;
  }
  last(): StreamId | undefined {
    for (let i = this.keys.length - 1; i >= 0; i--) if (this.map.has(this.keys[i]!)) return this.keys[i];
    return undefined;
  }
  /** IDs >= start (and <= end), in order, live at call time. Safe against deletions during the walk. */
  *from(start: StreamId, end: StreamId = STREAM_ID_MAX): Generator<[StreamId, V]> {
    let i = lowerBound(this.keys, start);
    while (true) {
      const keys = this.keys;
      if (i >= keys.length) return;
      const k = keys[i]!;
      if (k > end) return;
      const v = this.map.get(k);
      if (v !== undefined) {
        yield [k, v];
        // the walk may have compacted the key array: find our place again
        if (this.keys !== keys) {
          i = lowerBound(this.keys, k);
          if (this.keys[i] === k) i++;
          continue;
        }
      }
      i++;
    }
  }
  entries(): Generator<[StreamId, V]> {
    return this.from(STREAM_ID_MIN);
  }
}

function lowerBound(keys: readonly StreamId[], id: StreamId): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- Consumer groups ----

export class StreamConsumer {
  readonly pel = new IdMap<StreamNack>();
  constructor(
    readonly name: string,
    public seenTime: number,
  ) {}
}

export class StreamNack {
  constructor(
    public consumer: StreamConsumer | null,
    public deliveryTime: number,
    public deliveryCount: number,
  ) {}
}

/** entries-read when unknown (Redis's SCG_INVALID_ENTRIES_READ). */
export const ENTRIES_READ_INVALID = -1;

export class StreamGroup {
  readonly pel = new IdMap<StreamNack>();
  readonly consumers = new Map<string, StreamConsumer>();
  constructor(
    readonly name: string,
    public lastId: StreamId,
    public entriesRead: number,
  ) {}

  /** Consumers ordered as Redis's rax orders them (bytewise by name). */
  sortedConsumers(): StreamConsumer[] {
    return [...this.consumers.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Creates the consumer; undefined when it exists already. */
  createConsumer(name: string, now: number): StreamConsumer | undefined {
    if (this.consumers.has(name)) return undefined;
    const c = new StreamConsumer(name, now);
    this.consumers.set(name, c);
    return c;
  }

  /** Deletes a consumer and its pending entries from the group PEL; returns how many were pending. */
  deleteConsumer(c: StreamConsumer): number {
    const n = c.pel.size;
    for (const [id] of c.pel.entries()) this.pel.delete(id);
    this.consumers.delete(c.name);
    return n;
  }

  /** Acknowledges one ID: true when it was pending. */
  ack(id: StreamId): boolean {
    const nack = this.pel.get(id);
    if (nack === undefined) return false;
    this.pel.delete(id);
    nack.consumer?.pel.delete(id);
    return true;
  }

  /** Gives a pending entry to `to` (moving it between consumer PELs). */
  assign(id: StreamId, nack: StreamNack, to: StreamConsumer): void {
    if (nack.consumer !== to) {
      nack.consumer?.pel.delete(id);
      to.pel.set(id, nack);
      nack.consumer = to;
    }
  }
}

// ---- Entries and nodes ----

export interface StreamEntry {
  readonly id: StreamId;
  /** field, value, field, value, ... */
  readonly fields: readonly string[];
  deleted: boolean;
}

interface StreamNode {
  entries: StreamEntry[];
  /** Live entries (Redis's node "count"). */
  valid: number;
  /** Tombstones (Redis's node "deleted" count). */
  dead: number;
  /** Estimated listpack bytes, for stream-node-max-bytes. */
  bytes: number;
  /** Estimated JS bytes of the entries' strings and arrays (MEMORY USAGE). */
  payload: number;
  masterFields: readonly string[];
}

/** Redis refuses entries whose field+value bytes exceed this (STREAM_LISTPACK_MAX_SIZE). */
export const STREAM_LISTPACK_MAX_SIZE = 1 << 30;

export interface StreamNodeLimits {
  /** stream-node-max-entries (0 = no limit). */
  nodeMaxEntries: number;
  /** stream-node-max-bytes (0 = no limit). */
  nodeMaxBytes: number;
}

export interface StreamTrimArgs {
  strategy: 'maxlen' | 'minid';
  maxlen: number;
  minid: StreamId;
  approx: boolean;
  /** Most entries removed (0 = no limit); only with approx. */
  limit: number;
}

function lpIntBytes(s: string): number {
  if (!/^-?[0-9]{1,19}$/.test(s) || (s.length > 1 && (s[0] === '0' || s.startsWith('-0')))) return -1;
  const v = Number(s);
  if (v >= 0 && v <= 127) return 2;
  if (v >= -4096 && v <= 4095) return 3;
  if (v >= -32768 && v <= 32767) return 4;
  if (v >= -8388608 && v <= 8388607) return 5;
  if (v >= -2147483648 && v <= 2147483647) return 6;
  return 10;
}

/** Bytes a listpack element of `s` takes (encoding + payload + backlen), as listpack.c would store it. */
function lpElementBytes(s: string): number {
  const asInt = s.length <= 20 ? lpIntBytes(s) : -1;
  if (asInt > 0) return asInt;
  const n = s.length;
  const head = n < 64 ? 1 : n < 4096 ? 2 : 5;
  const body = head + n;
  return body + (body < 128 ? 1 : body < 16384 ? 2 : body < 2097152 ? 3 : 4);
}

function lpNumBytes(v: number | bigint): number {
  const n = typeof v === 'number' ? v : v <= 9007199254740991n && v >= -9007199254740991n ? Number(v) : NaN;
  if (n !== n) return 10;
  if (n >= 0 && n <= 127) return 2;
  if (n >= -4096 && n <= 4095) return 3;
  if (n >= -32768 && n <= 32767) return 4;
  if (n >= -8388608 && n <= 8388607) return 5;
  if (n >= -2147483648 && n <= 2147483647) return 6;
  return 10;
}

function sameFields(a: readonly string[], fields: readonly string[]): boolean {
  if (a.length * 2 !== fields.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== fields[i * 2]) return false;
  return true;
}

function entryBytes(node: StreamNode, id: StreamId, master: StreamId, fields: readonly string[]): number {
  let b = 2; // flags
  b += lpNumBytes((id >> 64n) - (master >> 64n)) + lpNumBytes((id & U64_MAX) - (master & U64_MAX));
  let count = 3;
  if (sameFields(node.masterFields, fields)) {
    for (let i = 1; i < fields.length; i += 2) b += lpElementBytes(fields[i]!);
    count += fields.length / 2;
  } else {
    b += lpNumBytes(fields.length / 2);
    for (const f of fields) b += lpElementBytes(f);
    count += 1 + fields.length;
  }
  return b + lpNumBytes(count);
}

export class StreamValue {
  nodes: StreamNode[] = [];
  length = 0;
  /** Entries held in nodes, tombstones included. */
  slots = 0;
  /** Sum of the nodes' payload estimates. */
  payload = 0;
  lastId: StreamId = 0n;
  firstId: StreamId = 0n;
  maxDeletedId: StreamId = 0n;
  entriesAdded = 0;
  groups: Map<string, StreamGroup> | null = null;

  /** A deep copy (groups and PELs included; nacks shared between group and consumer PELs stay shared). */
  clone(): StreamValue {
    const s = new StreamValue();
    s.nodes = this.nodes.map((n) => ({
      entries: n.entries.map((e) => ({ id: e.id, fields: e.fields, deleted: e.deleted })),
      valid: n.valid,
      dead: n.dead,
      bytes: n.bytes,
      payload: n.payload,
      masterFields: n.masterFields,
    }));
    s.length = this.length;
    s.slots = this.slots;
    s.payload = this.payload;
    s.lastId = this.lastId;
    s.firstId = this.firstId;
    s.maxDeletedId = this.maxDeletedId;
    s.entriesAdded = this.entriesAdded;
    if (this.groups !== null) {
      s.groups = new Map();
      for (const g of this.groups.values()) {
        const ng = new StreamGroup(g.name, g.lastId, g.entriesRead);
        const consumers = new Map<StreamConsumer, StreamConsumer>();
        for (const c of g.consumers.values()) {
          const nc = new StreamConsumer(c.name, c.seenTime);
          consumers.set(c, nc);
          ng.consumers.set(nc.name, nc);
        }
        for (const [id, nack] of g.pel.entries()) {
          const owner = nack.consumer === null ? null : (consumers.get(nack.consumer) ?? null);
          const nn = new StreamNack(owner, nack.deliveryTime, nack.deliveryCount);
          ng.pel.set(id, nn);
          owner?.pel.set(id, nn);
        }
        s.groups.set(ng.name, ng);
      }
    }
    return s;
  }

  /** Number of nodes (XINFO's radix-tree-keys). */
  get nodeCount(): number {
    return this.nodes.length;
  }

  /**
   * The ID XADD would use: `*` (undefined) is last+1ms-or-seq, `<ms>-*` (seqGiven false) is the next seq
   * in that ms or ms-0. Returns null when no valid ID exists (the seq would overflow) or it is not above lastId.
   */
  nextId(given: StreamId | undefined, seqGiven: boolean, nowMs: number): StreamId | null {
    let id: StreamId;
    const last = this.lastId;
    if (given === undefined) {
      const ms = BigInt(nowMs);
      const lastMs = last >> 64n;
      if (lastMs >= ms) {
        if ((last & U64_MAX) === U64_MAX) {
          if (lastMs === U64_MAX) return null;
          id = streamId(lastMs + 1n, 0n);
        } else id = last + 1n;
      } else id = streamId(ms, 0n);
    } else if (seqGiven) id = given;
    else if (given >> 64n === last >> 64n) {
      if ((last & U64_MAX) === U64_MAX) return null;
      id = last + 1n;
    } else id = given;
    return id > last ? id : null;
  }

  /** Appends an entry with an ID above lastId (the caller checked it with nextId). */
  append(id: StreamId, fields: readonly string[], limits: StreamNodeLimits): void {
    let node = this.nodes[this.nodes.length - 1];
    if (node !== undefined) {
      let maxBytes = limits.nodeMaxBytes;
      if (maxBytes === 0 || maxBytes > STREAM_LISTPACK_MAX_SIZE) maxBytes = STREAM_LISTPACK_MAX_SIZE;
      let total = 0;
      for (const f of fields) total += f.length;
      if (node.bytes + total >= maxBytes) node = undefined;
      else if (limits.nodeMaxEntries > 0 && node.valid + node.dead >= limits.nodeMaxEntries) node = undefined;
    }
    if (node === undefined) {
      const masterFields: string[] = [];
      for (let i = 0; i < fields.length; i += 2) masterFields.push(fields[i]!);
      let bytes = 7 + 1 + 2 + 2 + lpNumBytes(masterFields.length) + 2;
      for (const f of masterFields) bytes += lpElementBytes(f);
      node = { entries: [], valid: 0, dead: 0, bytes, payload: 0, masterFields };
      this.nodes.push(node);
    }
    node.bytes += entryBytes(node, id, node.entries.length ? node.entries[0]!.id : id, fields);
    node.entries.push({ id, fields, deleted: false });
    node.valid++;
    let pay = 16 + 8 * fields.length;
    for (const f of fields) pay += stringBytes(f.length);
    node.payload += pay;
    this.payload += pay;
    this.slots++;
    if (this.length === 0) this.firstId = id;
    this.length++;
    this.entriesAdded++;
    this.lastId = id;
  }

  private dropNode(n: StreamNode): void {
    this.slots -= n.entries.length;
    this.payload -= n.payload;
  }

  /** Index of the last node whose first ID is <= id (or 0). */
  private nodeFor(id: StreamId): number {
    const nodes = this.nodes;
    let lo = 0;
    let hi = nodes.length - 1;
    let ans = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (nodes[mid]!.entries[0]!.id <= id) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  private locate(id: StreamId): [number, number] | null {
    if (this.nodes.length === 0) return null;
    const ni = this.nodeFor(id);
    const entries = this.nodes[ni]!.entries;
    const ei = lowerBound2(entries, id);
    if (ei < entries.length && entries[ei]!.id === id && !entries[ei]!.deleted) return [ni, ei];
    return null;
  }

  /** The live entry with this ID, if any. */
  get(id: StreamId): StreamEntry | undefined {
    const at = this.locate(id);
    return at === null ? undefined : this.nodes[at[0]]!.entries[at[1]];
  }

  has(id: StreamId): boolean {
    return this.locate(id) !== null;
  }

  /** XDEL of one ID (tombstone; a node left with no live entry goes). Updates length, first and max-deleted IDs. */
  delete(id: StreamId): boolean {
    const at = this.locate(id);
    if (at === null) return false;
    const node = this.nodes[at[0]]!;
    if (node.valid === 1) {
      this.nodes.splice(at[0], 1);
      this.dropNode(node);
    } else {
      node.entries[at[1]]!.deleted = true;
      node.valid--;
      node.dead++;
    }
    this.length--;
    if (id > this.maxDeletedId) this.maxDeletedId = id;
    if (this.length === 0) this.firstId = 0n;
    else if (id === this.firstId) this.firstId = this.edgeId(true);
    return true;
  }

  /** First (or last) live entry's ID; 0-0 (first) / 0-0 (last) when empty. */
  edgeId(first: boolean): StreamId {
    const e = this.range(STREAM_ID_MIN, STREAM_ID_MAX, !first, 1)[0];
    return e === undefined ? 0n : e.id;
  }

  /** Live entries with start <= id <= end, ascending (or descending when rev), at most count (0 = all). */
  range(start: StreamId, end: StreamId, rev: boolean, count: number): StreamEntry[] {
    const out: StreamEntry[] = [];
    if (start > end || this.nodes.length === 0) return out;
    const nodes = this.nodes;
    if (!rev) {
      let ni = this.nodeFor(start);
      let ei = lowerBound2(nodes[ni]!.entries, start);
      for (; ni < nodes.length; ni++, ei = 0) {
        const entries = nodes[ni]!.entries;
        for (; ei < entries.length; ei++) {
          const e = entries[ei]!;
          if (e.id > end) return out;
          if (e.deleted) continue;
          out.push(e);
          if (out.length === count) return out;
        }
      }
    } else {
      let ni = this.nodeFor(end);
      let ei = upperBound2(nodes[ni]!.entries, end) - 1;
      for (; ni >= 0; ni--) {
        const entries = nodes[ni]!.entries;
        if (ei === -2) ei = entries.length - 1;
        for (; ei >= 0; ei--) {
          const e = entries[ei]!;
          if (e.id < start) return out;
          if (e.deleted) continue;
          out.push(e);
          if (out.length === count) return out;
        }
        ei = -2;
      }
    }
    return out;
  }

  /** Redis's streamTrim: whole nodes first; exact trimming then tombstones inside the first node. */
  trim(args: StreamTrimArgs): number {
    let deleted = 0;
    const limit = args.approx ? args.limit : 0;
    let removeUpTo = 0;
    const nodes = this.nodes;
    for (let ni = 0; ni < nodes.length; ni++) {
      if (args.strategy === 'maxlen' && this.length <= args.maxlen) break;
      const node = nodes[ni]!;
      const entries = node.valid;
      if (limit && deleted + entries > limit) break;
      const removeNode =
        args.strategy === 'maxlen'
          ? this.length - entries >= args.maxlen
          : node.entries[node.entries.length - 1]!.id < args.minid;
      if (removeNode) {
        removeUpTo = ni + 1;
        this.length -= entries;
        deleted += entries;
        continue;
      }
      if (args.approx) break;
      let fromNode = 0;
      for (const e of node.entries) {
        const stop = args.strategy === 'maxlen' ? this.length <= args.maxlen : e.id >= args.minid;
        if (stop) break;
        if (!e.deleted) {
          e.deleted = true;
          fromNode++;
          this.length--;
        }
      }
      node.valid -= fromNode;
      node.dead += fromNode;
      deleted += fromNode;
      break;
    }
    if (removeUpTo > 0) for (const n of nodes.splice(0, removeUpTo)) this.dropNode(n);
    if (this.length === 0) this.firstId = 0n;
    else if (deleted) this.firstId = this.edgeId(true);
    return deleted;
  }

  /** Redis's streamRangeHasTombstones over [start, end]. */
  rangeHasTombstones(start: StreamId, end: StreamId = STREAM_ID_MAX): boolean {
    if (this.length === 0 || this.maxDeletedId === 0n) return false;
    if (this.firstId > this.maxDeletedId) return false;
    return start <= this.maxDeletedId && this.maxDeletedId <= end;
  }

  /** Redis's streamEstimateDistanceFromFirstEverEntry (ENTRIES_READ_INVALID when unknown). */
  estimateDistance(id: StreamId): number {
    if (!this.entriesAdded) return 0;
    if (!this.length && id <= this.lastId) return this.entriesAdded;
    if (id === this.lastId) return this.entriesAdded;
    if (id > this.lastId) return ENTRIES_READ_INVALID;
    if (this.maxDeletedId === 0n || this.maxDeletedId < this.firstId) {
      if (id < this.firstId) return this.entriesAdded - this.length;
      if (id === this.firstId) return this.entriesAdded - this.length + 1;
    }
    return ENTRIES_READ_INVALID;
  }

  /** A group's lag (XINFO), or null when it cannot be known. */
  groupLag(g: StreamGroup): number | null {
    if (!this.entriesAdded) return 0;
    if (g.entriesRead !== ENTRIES_READ_INVALID && !this.rangeHasTombstones(g.lastId)) return this.entriesAdded - g.entriesRead;
    const read = this.estimateDistance(g.lastId);
    return read === ENTRIES_READ_INVALID ? null : this.entriesAdded - read;
  }

  /** Moves a group's last-delivered-id forward over `id` while delivering it (entries-read bookkeeping). */
  advanceGroup(g: StreamGroup, id: StreamId): void {
    if (id <= g.lastId) return;
    if (g.entriesRead !== ENTRIES_READ_INVALID && !this.rangeHasTombstones(id)) g.entriesRead++;
    else if (this.entriesAdded) g.entriesRead = this.estimateDistance(id);
    g.lastId = id;
  }

  getGroup(name: string): StreamGroup | undefined {
    return this.groups?.get(name);
  }

  /** Creates a group; undefined when the name is taken. */
  createGroup(name: string, lastId: StreamId, entriesRead: number): StreamGroup | undefined {
    if (this.groups === null) this.groups = new Map();
    if (this.groups.has(name)) return undefined;
    const g = new StreamGroup(name, lastId, entriesRead);
    this.groups.set(name, g);
    return g;
  }

  destroyGroup(name: string): boolean {
    return this.groups?.delete(name) ?? false;
  }

  /** Groups ordered bytewise by name, as Redis's rax. */
  sortedGroups(): StreamGroup[] {
    if (this.groups === null) return [];
    return [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Live entries in ID order (tests, persistence). */
  *entries(): Generator<StreamEntry> {
    for (const n of this.nodes) for (const e of n.entries) if (!e.deleted) yield e;
  }
}

function lowerBound2(entries: readonly StreamEntry[], id: StreamId): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound2(entries: readonly StreamEntry[], id: StreamId): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- Objects and ops ----

export function createStreamObject(): RObject<StreamValue> {
  return createObject<StreamValue>(ObjType.STREAM, Encoding.STREAM, new StreamValue());
}

/** Per-entry bytes beyond the strings: entry object and id bigint. */
export const STREAM_ENTRY_BYTES = 96;
const STREAM_BASE_BYTES = 160;
const NACK_BYTES = 120;

/** O(1) in the entries: per-entry overhead plus running string totals; PELs by count. */
export function streamMemory(o: RObject): number {
  const s = o.ptr as StreamValue;
  let bytes = ROBJECT_BYTES + STREAM_BASE_BYTES + s.nodes.length * 64 + s.slots * STREAM_ENTRY_BYTES + s.payload;
  if (s.groups !== null) {
    for (const g of s.groups.values()) {
      bytes += 128 + stringBytes(g.name.length) + g.pel.size * NACK_BYTES;
      for (const c of g.consumers.values()) bytes += 96 + stringBytes(c.name.length) + c.pel.size * 24;
    }
  }
  return bytes;
}

registerTypeOps(ObjType.STREAM, {
  dup(o: RObject): RObject {
    return createObject(ObjType.STREAM, Encoding.STREAM, (o.ptr as StreamValue).clone());
  },
  memory: streamMemory,
});
