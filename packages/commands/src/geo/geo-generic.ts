// Shared code of the GEO family: coordinate / unit / distance argument parsing with Redis's texts, member
// positions from zset scores, the neighbour-cell search over the zset's score ranges, and the engine behind
// GEORADIUS[_RO], GEORADIUSBYMEMBER[_RO], GEOSEARCH and GEOSEARCHSTORE (options, ordering, replies, STORE).
import { ObjType, ZSet, type RObject } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { parseInt64 } from '../util/number.js';
import { parseScore, storeResult } from '../zset/zset-generic.js';
import {
  decodeScore,
  distanceIfWithin,
  formatDistance,
  formatHumanLongDouble,
  GEO_LAT_MAX,
  GEO_LAT_MIN,
  GEO_LONG_MAX,
  GEO_LONG_MIN,
  isZero,
  scoresOfBox,
  searchCells,
  type GeoShape,
} from './geo-codec.js';

/** getDoubleFromObject: strict float, or null. */
function parseDouble(s: string): number | null {
  return parseScore(s);
}

function cFixed6(d: number): string {
  if (!Number.isFinite(d)) return Number.isNaN(d) ? 'nan' : d > 0 ? 'inf' : '-inf';
  return d.toFixed(6);
}

/** extractLongLatOrReply: [lon, lat] or null after an error reply. */
export function extractLongLat(c: Client, e: Engine, lonArg: string, latArg: string): [number, number] | null {
  const lon = parseDouble(lonArg);
  if (lon === null) {
    e.replyError(c, Err.NOT_FLOAT);
    return null;
  }
  const lat = parseDouble(latArg);
  if (lat === null) {
    e.replyError(c, Err.NOT_FLOAT);
    return null;
  }
  if (lon < GEO_LONG_MIN || lon > GEO_LONG_MAX || lat < GEO_LAT_MIN || lat > GEO_LAT_MAX) {
    e.replyError(c, `ERR invalid longitude,latitude pair ${cFixed6(lon)},${cFixed6(lat)}`);
    return null;
  }
  return [lon, lat];
}

/** extractUnitOrReply: meters per unit, or -1 after an error reply. */
export function extractUnit(c: Client, e: Engine, u: string): number {
  switch (u.toLowerCase()) {
    case 'm':
      return 1;
    case 'km':
      return 1000;
    case 'ft':
      return 0.3048;
    case 'mi':
      return 1609.34;
    default:
      e.replyError(c, 'ERR unsupported unit provided. please use M, KM, FT, MI');
      return -1;
  }
}

function extractDistance(c: Client, e: Engine, distArg: string, unitArg: string, s: GeoShape): boolean {
  const d = parseDouble(distArg);
  if (d === null) {
    e.replyError(c, 'ERR need numeric radius');
    return false;
  }
  if (d < 0) {
    e.replyError(c, 'ERR radius cannot be negative');
    return false;
  }
  s.radius = d;
  const conv = extractUnit(c, e, unitArg);
  if (conv < 0) return false;
  s.conversion = conv;
  return true;
}

function extractBox(c: Client, e: Engine, wArg: string, hArg: string, unitArg: string, s: GeoShape): boolean {
  const w = parseDouble(wArg);
  if (w === null) {
    e.replyError(c, 'ERR need numeric width');
    return false;
  }
  const h = parseDouble(hArg);
  if (h === null) {
    e.replyError(c, 'ERR need numeric height');
    return false;
  }
  if (h < 0 || w < 0) {
    e.replyError(c, 'ERR height or width cannot be negative');
    return false;
  }
  s.width = w;
  s.height = h;
  const conv = extractUnit(c, e, unitArg);
  if (conv < 0) return false;
  s.conversion = conv;
  return true;
}

/** Position of a member: [lon, lat] or null when missing. */
export function memberPosition(z: ZSet, member: string): [number, number] | null {
  const score = z.score(member);
  return score === undefined ? null : decodeScore(score);
}

/** addReplyHumanLongDouble. */
export function replyCoord(c: Client, d: number): void {
  const text = formatHumanLongDouble(d);
  if (c.resp === 3) c.reply.raw(`,${text}\r\n`);
  else c.reply.bulk(text);
}

export function replyDistance(c: Client, d: number): void {
  c.reply.bulk(formatDistance(d));
}

export const RADIUS_COORDS = 1;
export const RADIUS_MEMBER = 2;
export const RADIUS_NOSTORE = 4;
export const GEOSEARCH = 8;
export const GEOSEARCHSTORE = 16;

interface GeoPoint {
  member: string;
  lon: number;
  lat: number;
  dist: number;
  score: number;
}

function pointsInRange(z: ZSet, min: number, max: number, s: GeoShape, out: GeoPoint[], limit: number): void {
  let node = z.firstInRange({ min, max, minex: false, maxex: true });
  while (node !== null) {
    if (!(node.score < max)) break;
    const [lon, lat] = decodeScore(node.score);
    const d = distanceIfWithin(s, lon, lat);
    if (d >= 0) out.push({ member: node.member, lon, lat, dist: d, score: node.score });
    if (out.length > 0 && limit > 0 && out.length >= limit) break;
    node = node.next;
  }
}

function membersOfAllNeighbors(z: ZSet, s: GeoShape, out: GeoPoint[], limit: number): void {
  const cells = searchCells(s);
  let last = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (isZero(cell)) continue;
    const prev = cells[last]!;
    if (last !== 0 && cell.bits === prev.bits && cell.step === prev.step) continue;
    if (out.length > 0 && limit > 0 && out.length >= limit) break;
    const [min, max] = scoresOfBox(cell);
    pointsInRange(z, min, max, s, out, limit);
    last = i;
  }
}

const SORT_NONE = 0;
const SORT_ASC = 1;
const SORT_DESC = 2;

export function georadiusGeneric(c: Client, e: Engine, srcKeyIndex: number, flags: number): void {
  const argv = c.argv;
  let storekey: string | null = null;
  let storedist = false;
  const zobj = c.db.lookupRead(argv[srcKeyIndex]!);
  if (zobj !== undefined && zobj.type !== ObjType.ZSET) {
    e.replyError(c, Err.WRONGTYPE);
    return;
  }
  const z = zobj === undefined ? null : (zobj as RObject<ZSet>).ptr;
  const shape: GeoShape = { circular: true, xy: [0, 0], conversion: 1, radius: 0, width: 0, height: 0, bounds: [0, 0, 0, 0] };
  let baseArgs: number;
  if (flags & RADIUS_COORDS) {
    baseArgs = 6;
    const xy = extractLongLat(c, e, argv[2]!, argv[3]!);
    if (xy === null) return;
    shape.xy = xy;
    if (!extractDistance(c, e, argv[4]!, argv[5]!, shape)) return;
  } else if (flags & RADIUS_MEMBER && z === null) {
    baseArgs = 5;
  } else if (flags & RADIUS_MEMBER) {
    baseArgs = 5;
    const xy = memberPosition(z!, argv[2]!);
    if (xy === null) {
      e.replyError(c, 'ERR could not decode requested zset member');
      return;
    }
    shape.xy = xy;
    if (!extractDistance(c, e, argv[3]!, argv[4]!, shape)) return;
  } else {
    baseArgs = 2;
    if (flags & GEOSEARCHSTORE) {
      baseArgs = 3;
      storekey = argv[1]!;
    }
  }

  let withdist = false;
  let withhash = false;
  let withcoords = false;
  let frommember = false;
  let fromloc = false;
  let byradius = false;
  let bybox = false;
  let sort = SORT_NONE;
  let any = false;
  let count = 0;
  const remaining = argv.length - baseArgs;
  for (let i = 0; i < remaining; i++) {
    const arg = argv[baseArgs + i]!.toLowerCase();
    const at = (k: number): string => argv[baseArgs + i + k]!;
    if (arg === 'withdist') withdist = true;
    else if (arg === 'withhash') withhash = true;
    else if (arg === 'withcoord') withcoords = true;
    else if (arg === 'any') any = true;
    else if (arg === 'asc') sort = SORT_ASC;
    else if (arg === 'desc') sort = SORT_DESC;
    else if (arg === 'count' && i + 1 < remaining) {
      const n = parseInt64(at(1));
      if (n === null) {
        e.replyError(c, Err.NOT_INTEGER);
        return;
      }
      if (n <= 0n) {
        e.replyError(c, 'ERR COUNT must be > 0');
        return;
      }
      count = n > 0xffffffffn ? 0xffffffff : Number(n);
      i++;
    } else if ((arg === 'store' || arg === 'storedist') && i + 1 < remaining && !(flags & RADIUS_NOSTORE) && !(flags & GEOSEARCH)) {
      storekey = at(1);
      storedist = arg === 'storedist';
      i++;
    } else if (arg === 'storedist' && flags & GEOSEARCH && flags & GEOSEARCHSTORE) {
      storedist = true;
    } else if (arg === 'frommember' && i + 1 < remaining && flags & GEOSEARCH && !fromloc) {
      if (z === null) {
        frommember = true;
        i++;
        continue;
      }
      const xy = memberPosition(z, at(1));
      if (xy === null) {
        e.replyError(c, 'ERR could not decode requested zset member');
        return;
      }
      shape.xy = xy;
      frommember = true;
      i++;
    } else if (arg === 'fromlonlat' && i + 2 < remaining && flags & GEOSEARCH && !frommember) {
      const xy = extractLongLat(c, e, at(1), at(2));
      if (xy === null) return;
      shape.xy = xy;
      fromloc = true;
      i += 2;
    } else if (arg === 'byradius' && i + 2 < remaining && flags & GEOSEARCH && !bybox) {
      if (!extractDistance(c, e, at(1), at(2), shape)) return;
      shape.circular = true;
      byradius = true;
      i += 2;
    } else if (arg === 'bybox' && i + 3 < remaining && flags & GEOSEARCH && !byradius) {
      if (!extractBox(c, e, at(1), at(2), at(3), shape)) return;
      shape.circular = false;
      bybox = true;
      i += 3;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }

  if (storekey !== null && (withdist || withhash || withcoords)) {
    e.replyError(c, `ERR ${flags & GEOSEARCHSTORE ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS'} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`);
    return;
  }
  if (flags & GEOSEARCH && !(frommember || fromloc)) {
    e.replyError(c, `ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${argv[0]!}`);
    return;
  }
  if (flags & GEOSEARCH && !(byradius || bybox)) {
    e.replyError(c, `ERR exactly one of BYRADIUS and BYBOX can be specified for ${argv[0]!}`);
    return;
  }
  if (any && count === 0) {
    e.replyError(c, 'ERR the ANY argument requires COUNT argument');
    return;
  }
  if (z === null) {
    if (storekey !== null) {
      if (c.db.delete(storekey)) {
        c.db.signalModified(storekey);
        c.db.notify('g', 'del', storekey);
        e.dirty++;
      }
      c.reply.integer(0);
    } else {
      c.reply.arrayHeader(0);
    }
    return;
  }
  if (count !== 0 && sort === SORT_NONE && !any) sort = SORT_ASC;

  const points: GeoPoint[] = [];
  membersOfAllNeighbors(z, shape, points, any ? count : 0);
  if (points.length === 0 && storekey === null) {
    c.reply.arrayHeader(0);
    return;
  }
  const returned = count === 0 || points.length < count ? points.length : count;
  if (sort === SORT_ASC) points.sort((a, b) => (a.dist > b.dist ? 1 : a.dist < b.dist ? -1 : 0));
  else if (sort === SORT_DESC) points.sort((a, b) => (a.dist > b.dist ? -1 : a.dist < b.dist ? 1 : 0));

  if (storekey === null) {
    const options = (withdist ? 1 : 0) + (withcoords ? 1 : 0) + (withhash ? 1 : 0);
    c.reply.arrayHeader(returned);
    for (let i = 0; i < returned; i++) {
      const gp = points[i]!;
      const dist = gp.dist / shape.conversion;
      if (options) c.reply.arrayHeader(options + 1);
      c.reply.bulk(gp.member);
      if (withdist) replyDistance(c, dist);
      if (withhash) {
        const t = Math.trunc(gp.score);
        c.reply.integer(Number.isSafeInteger(t) ? t : BigInt(t));
      }
      if (withcoords) {
        c.reply.arrayHeader(2);
        replyCoord(c, gp.lon);
        replyCoord(c, gp.lat);
      }
    }
    return;
  }
  const out = new ZSet();
  for (let i = 0; i < returned; i++) {
    const gp = points[i]!;
    out.insert(gp.member, storedist ? gp.dist / shape.conversion : gp.score);
  }
  storeResult(c, e, storekey, out, flags & GEOSEARCH ? 'geosearchstore' : 'georadiusstore');
}
