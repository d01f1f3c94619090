// One value in Redis's RDB serialization (what DUMP produces and RESTORE reads): the type byte and the payload,
// written in the encodings Redis 7.0 writes (int-encoded strings, quicklist of listpacks, intset/listpack sets and
// hashes and zsets, ZSET_2 with binary doubles, STREAM_LISTPACKS_2) and read in every encoding Redis 7.0 can load
// (plus LZF-compressed strings, ziplists, intsets, the pre-7.0 stream type). The DUMP envelope (RDB version 10 and
// a CRC-64 footer) is added/checked here too.
import {
  createHashObject,
  createListObject,
  createSetObject,
  createStreamObject,
  createStringObject,
  createZsetObject,
  Encoding,
  ENTRIES_READ_INVALID,
  formatStreamId,
  hashSet,
  ObjType,
  setAdd,
  StreamConsumer,
  StreamNack,
  streamId,
  zsetAdd,
  type HashValue,
  type ListValue,
  type RObject,
  type SetValue,
  type StreamValue,
  type StoreConfig,
  type ZaddResult,
  type ZSet,
  type ZsetLimits,
} from '@redwing/store';
import { formatG17 } from '../util/number.js';
import { crc64 } from './crc64.js';
import { ListpackWriter, readIntset, readListpack, readZiplist, writeIntset } from './listpack.js';
import { lzfCompress, lzfDecompress } from './lzf.js';
import { RdbFormatError } from './rdb-errors.js';

export const RDB_VERSION = 10;

const T = {
  STRING: 0,
  LIST: 1,
  SET: 2,
  ZSET: 3,
  HASH: 4,
  ZSET_2: 5,
  SET_INTSET: 11,
  LIST_ZIPLIST: 10,
  ZSET_ZIPLIST: 12,
  HASH_ZIPLIST: 13,
  LIST_QUICKLIST: 14,
  STREAM_LISTPACKS: 15,
  HASH_LISTPACK: 16,
  ZSET_LISTPACK: 17,
  LIST_QUICKLIST_2: 18,
  STREAM_LISTPACKS_2: 19,
} as const;

const QUICKLIST_NODE_PLAIN = 1;
const QUICKLIST_NODE_PACKED = 2;
const U64_MAX = (1n << 64n) - 1n;

// ---- Writing ----

class RdbWriter {
  private parts: Buffer[] = [];
  /** rdbcompression: strings over 20 bytes are LZF-compressed when that saves at least 4 bytes (as Redis). */
  constructor(private readonly compress: boolean) {}

  byte(b: number): void {
    this.parts.push(Buffer.from([b]));
  }

  raw(b: Buffer): void {
    this.parts.push(b);
  }

  len(n: number | bigint): void {
    const v = BigInt(n);
    if (v < 64n) this.byte(Number(v));
    else if (v < 16384n) this.parts.push(Buffer.from([0x40 | Number(v >> 8n), Number(v & 0xffn)]));
    else if (v <= 0xffffffffn) {
      const b = Buffer.alloc(5);
      b[0] = 0x80;
      b.writeUInt32BE(Number(v), 1);
      this.parts.push(b);
    } else {
      const b = Buffer.alloc(9);
      b[0] = 0x81;
      b.writeBigUInt64BE(v, 1);
      this.parts.push(b);
    }
  }

  /** A string, int-encoded when it is a canonical integer that fits 32 bits (as rdbSaveRawString tries). */
  string(s: string): void {
    if (s.length <= 11 && /^(0|-?[1-9][0-9]*)$/.test(s)) {
      const v = Number(s);
      if (v >= -128 && v <= 127) {
        this.parts.push(Buffer.from([0xc0, v & 0xff]));
        return;
      }
      if (v >= -32768 && v <= 32767) {
        const b = Buffer.alloc(3);
        b[0] = 0xc1;
        b.writeInt16LE(v, 1);
        this.parts.push(b);
        return;
      }
      if (v >= -2147483648 && v <= 2147483647) {
        const b = Buffer.alloc(5);
        b[0] = 0xc2;
        b.writeInt32LE(v, 1);
        this.parts.push(b);
        return;
      }
    }
    this.blob(Buffer.from(s, 'latin1'));
  }

  blob(b: Buffer): void {
    if (this.compress && b.length > 20) {
      const c = lzfCompress(b, b.length - 4);
      if (c !== null) {
        this.byte(0xc3);
        this.len(c.length);
        this.len(b.length);
        this.parts.push(c);
        return;
      }
    }
    this.len(b.length);
    this.parts.push(b);
  }

  double(d: number): void {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(d, 0);
    this.parts.push(b);
  }

  millis(ms: number): void {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(Math.trunc(ms)), 0);
    this.parts.push(b);
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function rawId(id: bigint): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(id >> 64n, 0);
  b.writeBigUInt64BE(id & U64_MAX, 8);
  return b;
}

/** Score text as Redis's d2string writes it into a listpack (integers plain, others %.17g). */
function scoreText(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isInteger(d) && Math.abs(d) < 2 ** 63 && !Object.is(d, -0)) return BigInt(d).toString();
  return formatG17(d);
}

/** Serialize one value: type byte + payload (no version/CRC footer). */
export function serializeValue(o: RObject, compress = true): Buffer {
  const w = new RdbWriter(compress);
  switch (o.type) {
    case ObjType.STRING:
      w.byte(T.STRING);
      w.string(o.ptr as string);
      break;
    case ObjType.LIST: {
      const l = o.ptr as ListValue;
      w.byte(T.LIST_QUICKLIST_2);
      let cur: ListpackWriter | null = null;
      let curBytes = 0;
      const out: { plain: boolean; data: Buffer }[] = [];
      for (const v of l) {
        if (v.length >= 1 << 30) {
          if (cur) out.push({ plain: false, data: cur.finish() });
          cur = null;
          out.push({ plain: true, data: Buffer.from(v, 'latin1') });
          continue;
        }
        if (cur === null || curBytes + v.length > 8192 || cur.size >= 1024) {
          if (cur) out.push({ plain: false, data: cur.finish() });
          cur = new ListpackWriter();
          curBytes = 0;
        }
        cur.push(v);
        curBytes += v.length + 2;
      }
      if (cur) out.push({ plain: false, data: cur.finish() });
      w.len(out.length);
      for (const n of out) {
        w.len(n.plain ? QUICKLIST_NODE_PLAIN : QUICKLIST_NODE_PACKED);
        w.blob(n.data);
      }
      break;
    }
    case ObjType.SET: {
      const s = o.ptr as SetValue;
      if (o.encoding === Encoding.INTSET) {
        w.byte(T.SET_INTSET);
        w.blob(writeIntset(s.members()));
      } else {
        w.byte(T.SET);
        w.len(s.size);
        s.forEach((m) => w.string(m));
      }
      break;
    }
    case ObjType.ZSET: {
      const z = o.ptr as ZSet;
      if (o.encoding === Encoding.LISTPACK) {
        w.byte(T.ZSET_LISTPACK);
        const lp = new ListpackWriter();
        for (const n of z) {
          lp.push(n.member);
          lp.push(scoreText(n.score));
        }
        w.blob(lp.finish());
      } else {
        w.byte(T.ZSET_2);
        w.len(z.length);
        // Redis writes the skiplist from the greatest element down (loading then appends at the head)
        for (let n = z.last(); n !== null; n = n.prev) {
          w.string(n.member);
          w.double(n.score);
        }
      }
      break;
    }
    case ObjType.HASH: {
      const h = o.ptr as HashValue;
      if (o.encoding === Encoding.LISTPACK) {
        w.byte(T.HASH_LISTPACK);
        const lp = new ListpackWriter();
        h.forEach((f, v) => {
          lp.push(f);
          lp.push(v);
        });
        w.blob(lp.finish());
      } else {
        w.byte(T.HASH);
        w.len(h.size);
        h.forEach((f, v) => {
          w.string(f);
          w.string(v);
        });
      }
      break;
    }
    case ObjType.STREAM:
      w.byte(T.STREAM_LISTPACKS_2);
      writeStream(w, o.ptr as StreamValue);
      break;
    default:
      throw new RdbFormatError(`cannot serialize type ${String(o.type)}`);
  }
  return w.finish();
}

function writeStream(w: RdbWriter, s: StreamValue): void {
  const nodes = s.nodes.filter((n) => n.entries.length > 0);
  w.len(nodes.length);
  for (const n of nodes) {
    const master = n.entries[0]!.id;
    const mf = n.masterFields;
    const lp = new ListpackWriter();
    let valid = 0;
    let dead = 0;
    for (const e of n.entries) if (e.deleted) dead++;
    else valid++;
    lp.push(String(valid));
    lp.push(String(dead));
    lp.push(String(mf.length));
    for (const f of mf) lp.push(f);
    lp.push('0');
    const mms = master >> 64n;
    const mseq = master & U64_MAX;
    for (const e of n.entries) {
      const nf = e.fields.length / 2;
      let same = nf === mf.length;
      for (let i = 0; same && i < nf; i++) if (e.fields[i * 2] !== mf[i]) same = false;
      lp.push(String((e.deleted ? 1 : 0) | (same ? 2 : 0)));
      lp.push(((e.id >> 64n) - mms).toString());
      lp.push(((e.id & U64_MAX) - mseq).toString());
      if (same) {
        for (let i = 0; i < nf; i++) lp.push(e.fields[i * 2 + 1]!);
        lp.push(String(nf + 3));
      } else {
        lp.push(String(nf));
        for (const f of e.fields) lp.push(f);
        lp.push(String(nf * 2 + 4));
      }
    }
    w.len(16);
    w.raw(rawId(master));
    w.blob(lp.finish());
  }
  w.len(s.length);
  w.len(s.lastId >> 64n);
  w.len(s.lastId & U64_MAX);
  w.len(s.firstId >> 64n);
  w.len(s.firstId & U64_MAX);
  w.len(s.maxDeletedId >> 64n);
  w.len(s.maxDeletedId & U64_MAX);
  w.len(s.entriesAdded);
  const groups = s.sortedGroups();
  w.len(groups.length);
  for (const g of groups) {
    w.string(g.name);
    w.len(g.lastId >> 64n);
    w.len(g.lastId & U64_MAX);
    w.len(g.entriesRead === ENTRIES_READ_INVALID ? U64_MAX : BigInt(g.entriesRead));
    w.len(g.pel.size);
    for (const [id, nack] of g.pel.entries()) {
      w.raw(rawId(id));
      w.millis(nack.deliveryTime);
      w.len(nack.deliveryCount);
    }
    const consumers = g.sortedConsumers();
    w.len(consumers.length);
    for (const c of consumers) {
      w.string(c.name);
      w.millis(c.seenTime);
      w.len(c.pel.size);
      for (const [id] of c.pel.entries()) w.raw(rawId(id));
    }
  }
}

// ---- Reading ----

class RdbReader {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  byte(): number {
    if (this.pos >= this.buf.length) throw new RdbFormatError('short read');
    return this.buf[this.pos++]!;
  }

  take(n: number): Buffer {
    if (n < 0 || this.pos + n > this.buf.length) throw new RdbFormatError('short read');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** A length; `encoded` is set when the byte announces a special string encoding instead. */
  lenOrEnc(): { n: number; big: bigint; encoded: boolean } {
    const b = this.byte();
    const kind = b >> 6;
    if (kind === 0) return { n: b & 0x3f, big: BigInt(b & 0x3f), encoded: false };
    if (kind === 1) {
      const n = ((b & 0x3f) << 8) | this.byte();
      return { n, big: BigInt(n), encoded: false };
    }
    if (kind === 3) return { n: b & 0x3f, big: BigInt(b & 0x3f), encoded: true };
    if (b === 0x80) {
      const n = this.take(4).readUInt32BE(0);
      return { n, big: BigInt(n), encoded: false };
    }
    if (b === 0x81) {
      const big = this.take(8).readBigUInt64BE(0);
      return { n: Number(big), big, encoded: false };
    }
    throw new RdbFormatError('bad length encoding');
  }

  len(): number {
    const r = this.lenOrEnc();
    if (r.encoded || r.n > Number.MAX_SAFE_INTEGER) throw new RdbFormatError('bad length');
    return r.n;
  }

  bigLen(): bigint {
    const r = this.lenOrEnc();
    if (r.encoded) throw new RdbFormatError('bad length');
    return r.big;
  }

  /** A string as bytes, decoding int and LZF encodings. */
  blob(): Buffer {
    const r = this.lenOrEnc();
    if (!r.encoded) return this.take(r.n);
    switch (r.n) {
      case 0:
        return Buffer.from(String(this.take(1).readInt8(0)), 'latin1');
      case 1:
        return Buffer.from(String(this.take(2).readInt16LE(0)), 'latin1');
      case 2:
        return Buffer.from(String(this.take(4).readInt32LE(0)), 'latin1');
      case 3: {
        const clen = this.len();
        const ulen = this.len();
        const out = lzfDecompress(this.take(clen), ulen);
        if (out === null) throw new RdbFormatError('lzf');
        return out;
      }
      default:
        throw new RdbFormatError('unknown string encoding');
    }
  }

  string(): string {
    return this.blob().toString('latin1');
  }

  binaryDouble(): number {
    return this.take(8).readDoubleLE(0);
  }

  /** The pre-ZSET_2 text double: length byte, 253 nan, 254 +inf, 255 -inf. */
  textDouble(): number {
    const n = this.byte();
    if (n === 253) return NaN;
    if (n === 254) return Infinity;
    if (n === 255) return -Infinity;
    const v = Number(this.take(n).toString('latin1'));
    if (Number.isNaN(v)) throw new RdbFormatError('bad double');
    return v;
  }

  millis(): number {
    return Number(this.take(8).readBigInt64LE(0));
  }
}

export interface LoadContext {
  config: StoreConfig;
  zsetLimits: ZsetLimits;
  streamLimits: { nodeMaxEntries: number; nodeMaxBytes: number };
}

function dupError(): never {
  throw new RdbFormatError('duplicate element');
}

function buildHash(pairs: readonly string[], ctx: LoadContext): RObject {
  if (pairs.length % 2 !== 0 || pairs.length === 0) throw new RdbFormatError('hash pairs');
  const o = createHashObject();
  for (let i = 0; i < pairs.length; i += 2) if (!hashSet(o, pairs[i]!, pairs[i + 1]!, ctx.config)) dupError();
  return o;
}

function buildSet(members: readonly string[], ctx: LoadContext): RObject {
  if (members.length === 0) throw new RdbFormatError('empty set');
  const o: RObject<SetValue> = createSetObject(members[0]!);
  for (const m of members) if (!setAdd(o, m, ctx.config)) dupError();
  return o;
}

function buildZset(pairs: readonly (readonly [string, number])[], ctx: LoadContext): RObject {
  if (pairs.length === 0) throw new RdbFormatError('empty zset');
  let maxLen = 0;
  for (const [m] of pairs) if (m.length > maxLen) maxLen = m.length;
  const o = createZsetObject(ctx.zsetLimits, pairs.length > ctx.zsetLimits.maxEntries ? Infinity : maxLen);
  const res: ZaddResult = { flags: 0, score: 0 };
  for (const [m, s] of pairs) {
    if (Number.isNaN(s)) throw new RdbFormatError('nan score');
    if (o.ptr.has(m)) dupError();
    zsetAdd(o, s, m, 0, ctx.zsetLimits, res);
  }
  return o;
}

function pairsToZset(flat: readonly string[]): [string, number][] {
  if (flat.length % 2 !== 0) throw new RdbFormatError('zset pairs');
  const out: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const s = Number(flat[i + 1]!.replace(/^(-?)inf$/, '$1Infinity'));
    if (Number.isNaN(s)) throw new RdbFormatError('zset score');
    out.push([flat[i]!, s]);
  }
  return out;
}

function readStream(r: RdbReader, type: number, ctx: LoadContext): RObject {
  const o = createStreamObject();
  const s = o.ptr;
  const nodes = r.len();
  let prevMaster = -1n;
  for (let k = 0; k < nodes; k++) {
    const key = r.blob();
    if (key.length !== 16) throw new RdbFormatError('stream node key');
    const master = streamId(key.readBigUInt64BE(0), key.readBigUInt64BE(8));
    if (master <= prevMaster) throw new RdbFormatError('stream node order');
    prevMaster = master;
    const lp = readListpack(r.blob());
    if (lp.length === 0) throw new RdbFormatError('empty stream node');
    let p = 0;
    const num = (): bigint => {
      const v = lp[p++];
      if (v === undefined || !/^-?\d+$/.test(v)) throw new RdbFormatError('stream listpack');
      return BigInt(v);
    };
    const str = (): string => {
      const v = lp[p++];
      if (v === undefined) throw new RdbFormatError('stream listpack');
      return v;
    };
    const count = Number(num());
    const deleted = Number(num());
    const nmf = Number(num());
    const mf: string[] = [];
    for (let i = 0; i < nmf; i++) mf.push(str());
    if (num() !== 0n) throw new RdbFormatError('stream master terminator');
    let seen = 0;
    while (p < lp.length) {
      const flags = Number(num());
      const id = streamId((master >> 64n) + num(), (master & U64_MAX) + num());
      const fields: string[] = [];
      if (flags & 2) {
        for (let i = 0; i < nmf; i++) fields.push(mf[i]!, str());
      } else {
        const nf = Number(num());
        for (let i = 0; i < nf * 2; i++) fields.push(str());
      }
      num(); // lp-count
      seen++;
      if (flags & 1) continue;
      if (id <= s.lastId && s.length > 0) throw new RdbFormatError('stream id order');
      s.append(id, fields, ctx.streamLimits);
    }
    if (seen !== count + deleted) throw new RdbFormatError('stream node count');
  }
  const length = r.len();
  if (length !== s.length) throw new RdbFormatError('stream length');
  const lastId = streamId(r.bigLen(), r.bigLen());
  if (s.length > 0 && lastId < s.lastId) throw new RdbFormatError('stream last id');
  s.lastId = lastId;
  if (type === T.STREAM_LISTPACKS_2) {
    s.firstId = streamId(r.bigLen(), r.bigLen());
    s.maxDeletedId = streamId(r.bigLen(), r.bigLen());
    s.entriesAdded = r.len();
  } else {
    s.maxDeletedId = 0n;
    s.entriesAdded = s.length;
    if (s.length === 0) s.firstId = 0n;
  }
  const ngroups = r.len();
  for (let k = 0; k < ngroups; k++) {
    const name = r.string();
    const lastGid = streamId(r.bigLen(), r.bigLen());
    let read: number;
    if (type === T.STREAM_LISTPACKS_2) {
      const v = r.bigLen();
      read = v === U64_MAX ? ENTRIES_READ_INVALID : Number(v);
    } else read = s.estimateDistance(lastGid);
    const g = s.createGroup(name, lastGid, read);
    if (g === undefined) throw new RdbFormatError('duplicate group');
    const npel = r.len();
    for (let i = 0; i < npel; i++) {
      const raw = r.take(16);
      const id = streamId(raw.readBigUInt64BE(0), raw.readBigUInt64BE(8));
      const time = r.millis();
      const dcount = r.len();
      if (g.pel.has(id)) throw new RdbFormatError('duplicate pel entry');
      g.pel.set(id, new StreamNack(null, time, dcount));
    }
    const nconsumers = r.len();
    for (let i = 0; i < nconsumers; i++) {
      const cname = r.string();
      if (g.consumers.has(cname)) throw new RdbFormatError('duplicate consumer');
      const c = new StreamConsumer(cname, r.millis());
      g.consumers.set(cname, c);
      const n = r.len();
      for (let j = 0; j < n; j++) {
        const raw = r.take(16);
        const id = streamId(raw.readBigUInt64BE(0), raw.readBigUInt64BE(8));
        const nack = g.pel.get(id);
        if (nack === undefined || nack.consumer !== null) throw new RdbFormatError(`consumer pel ${formatStreamId(id)}`);
        nack.consumer = c;
        c.pel.set(id, nack);
      }
    }
    for (const [, nack] of g.pel.entries()) if (nack.consumer === null) throw new RdbFormatError('orphan pel entry');
  }
  return o;
}

/** Decode one value (type byte + payload, no footer). Throws RdbFormatError when malformed. */
export function deserializeValue(buf: Buffer, ctx: LoadContext): RObject {
  const r = new RdbReader(buf);
  const type = r.byte();
  let o: RObject;
  switch (type) {
    case T.STRING:
      o = createStringObject(r.string());
      break;
    case T.LIST: {
      const n = r.len();
      const vals: string[] = [];
      for (let i = 0; i < n; i++) vals.push(r.string());
      if (vals.length === 0) throw new RdbFormatError('empty list');
      o = createListObject(vals);
      break;
    }
    case T.LIST_ZIPLIST: {
      const vals = readZiplist(r.blob());
      if (vals.length === 0) throw new RdbFormatError('empty list');
      o = createListObject(vals);
      break;
    }
    case T.LIST_QUICKLIST:
    case T.LIST_QUICKLIST_2: {
      const n = r.len();
      const vals: string[] = [];
      for (let i = 0; i < n; i++) {
        const container = type === T.LIST_QUICKLIST_2 ? r.len() : QUICKLIST_NODE_PACKED;
        const data = r.blob();
        if (container === QUICKLIST_NODE_PLAIN) vals.push(data.toString('latin1'));
        else if (container === QUICKLIST_NODE_PACKED) {
          const items = type === T.LIST_QUICKLIST_2 ? readListpack(Buffer.from(data)) : readZiplist(Buffer.from(data));
          if (items.length === 0) throw new RdbFormatError('empty quicklist node');
          for (const v of items) vals.push(v);
        } else throw new RdbFormatError('quicklist container');
      }
      if (vals.length === 0) throw new RdbFormatError('empty list');
      o = createListObject(vals);
      break;
    }
    case T.SET: {
      const n = r.len();
      const vals: string[] = [];
      for (let i = 0; i < n; i++) vals.push(r.string());
      o = buildSet(vals, ctx);
      break;
    }
    case T.SET_INTSET:
      o = buildSet(readIntset(Buffer.from(r.blob())), ctx);
      break;
    case T.ZSET:
    case T.ZSET_2: {
      const n = r.len();
      const pairs: [string, number][] = [];
      for (let i = 0; i < n; i++) {
        const m = r.string();
        pairs.push([m, type === T.ZSET_2 ? r.binaryDouble() : r.textDouble()]);
      }
      o = buildZset(pairs, ctx);
      break;
    }
    case T.ZSET_ZIPLIST:
      o = buildZset(pairsToZset(readZiplist(Buffer.from(r.blob()))), ctx);
      break;
    case T.ZSET_LISTPACK:
      o = buildZset(pairsToZset(readListpack(Buffer.from(r.blob()))), ctx);
      break;
    case T.HASH: {
      const n = r.len();
      const vals: string[] = [];
      for (let i = 0; i < n * 2; i++) vals.push(r.string());
      o = buildHash(vals, ctx);
      break;
    }
    case T.HASH_ZIPLIST:
      o = buildHash(readZiplist(Buffer.from(r.blob())), ctx);
      break;
    case T.HASH_LISTPACK:
      o = buildHash(readListpack(Buffer.from(r.blob())), ctx);
      break;
    case T.STREAM_LISTPACKS:
    case T.STREAM_LISTPACKS_2:
      o = readStream(r, type, ctx);
      break;
    default:
      throw new RdbFormatError(`unsupported type ${type}`);
  }
  if (!r.done) throw new RdbFormatError('trailing bytes');
  return o;
}

// ---- The DUMP envelope ----

/** DUMP's payload: the serialized value, then RDB version (2 bytes LE) and CRC-64 (8 bytes LE) of all before. */
export function createDumpPayload(o: RObject, compress = true): Buffer {
  const body = serializeValue(o, compress);
  const out = Buffer.alloc(body.length + 10);
  body.copy(out, 0);
  out.writeUInt16LE(RDB_VERSION, body.length);
  out.writeBigUInt64LE(crc64(out, 0, body.length + 2), body.length + 2);
  return out;
}

/** The value part of a DUMP payload, or null when the version is newer than ours or the checksum is wrong. */
export function verifyDumpPayload(p: Buffer): Buffer | null {
  if (p.length < 10) return null;
  const ver = p.readUInt16LE(p.length - 10);
  if (ver > RDB_VERSION) return null;
  const crc = p.readBigUInt64LE(p.length - 8);
  if (crc64(p, 0, p.length - 8) !== crc) return null;
  return p.subarray(0, p.length - 10);
}
