// Redis's 52-bit geohash as facts of geohash.c / geohash_helper.c: interleaved latitude (even bits) and
// longitude (odd bits) at step 26 over the Mercator latitude limits, decoding to cell centres, the standard
// 11-character geohash string, neighbour cells, the search-step estimate and the haversine distances with
// Redis's earth radius. Hash arithmetic on cells uses BigInt; per-member decoding has a Number fast path.

export const GEO_STEP_MAX = 26;
export const GEO_LAT_MIN = -85.05112878;
export const GEO_LAT_MAX = 85.05112878;
export const GEO_LONG_MIN = -180;
export const GEO_LONG_MAX = 180;

const D_R = Math.PI / 180.0;
export const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;

const degRad = (a: number): number => a * D_R;
const radDeg = (a: number): number => a / D_R;

export interface GeoHashBits {
  bits: bigint;
  step: number;
}
export interface Range {
  min: number;
  max: number;
}
export interface GeoArea {
  lon: Range;
  lat: Range;
}

const MERC_LON: Range = { min: GEO_LONG_MIN, max: GEO_LONG_MAX };
const MERC_LAT: Range = { min: GEO_LAT_MIN, max: GEO_LAT_MAX };

/** Spreads the low 16 bits of v to the even positions of a 32-bit result. */
function spread16(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}
/** Gathers the even bits of a 32-bit value into 16 bits. */
function squash32(v: number): number {
  let x = v & 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x >>> 0;
}

/** interleave64(x=lat, y=lon) over two uint32 values. */
export function interleave(lat: number, lon: number): bigint {
  const l0 = spread16(lat & 0xffff);
  const l1 = spread16(lat >>> 16);
  const o0 = spread16(lon & 0xffff);
  const o1 = spread16(lon >>> 16);
  const lo = BigInt(l0) | (BigInt(o0) << 1n);
  const hi = BigInt(l1) | (BigInt(o1) << 1n);
  return lo | (hi << 32n);
}

/** deinterleave64: [lat, lon] as uint32 values. */
export function deinterleave(bits: bigint): [number, number] {
  const lo = Number(bits & 0xffffffffn);
  const hi = Number((bits >> 32n) & 0xffffffffn);
  const lat = (squash32(lo) | (squash32(hi) << 16)) >>> 0;
  const lon = (squash32(lo >>> 1) | (squash32(hi >>> 1) << 16)) >>> 0;
  return [lat, lon];
}

export function encode(lonR: Range, latR: Range, lon: number, lat: number, step: number): GeoHashBits | null {
  if (lon > GEO_LONG_MAX || lon < GEO_LONG_MIN || lat > GEO_LAT_MAX || lat < GEO_LAT_MIN) return null;
  if (lat < latR.min || lat > latR.max || lon < lonR.min || lon > lonR.max) return null;
  let latOff = (lat - latR.min) / (latR.max - latR.min);
  let lonOff = (lon - lonR.min) / (lonR.max - lonR.min);
  latOff *= 2 ** step;
  lonOff *= 2 ** step;
  return { bits: interleave(Math.trunc(latOff) >>> 0, Math.trunc(lonOff) >>> 0), step };
}

export function encodeWGS84(lon: number, lat: number, step: number): GeoHashBits | null {
  return encode(MERC_LON, MERC_LAT, lon, lat, step);
}

export function isZero(h: GeoHashBits): boolean {
  return h.bits === 0n && h.step === 0;
}

function areaFrom(lonR: Range, latR: Range, ilato: number, ilono: number, step: number): GeoArea {
  const div = 2 ** step;
  const latScale = latR.max - latR.min;
  const lonScale = lonR.max - lonR.min;
  return {
    lat: { min: latR.min + (ilato / div) * latScale, max: latR.min + (((ilato + 1) >>> 0) / div) * latScale },
    lon: { min: lonR.min + (ilono / div) * lonScale, max: lonR.min + (((ilono + 1) >>> 0) / div) * lonScale },
  };
}

export function decode(h: GeoHashBits, lonR: Range = MERC_LON, latR: Range = MERC_LAT): GeoArea | null {
  if (isZero(h)) return null;
  const [ilato, ilono] = deinterleave(h.bits);
  return areaFrom(lonR, latR, ilato, ilono, h.step);
}

function areaCenter(a: GeoArea): [number, number] {
  let x = (a.lon.min + a.lon.max) / 2;
  if (x > GEO_LONG_MAX) x = GEO_LONG_MAX;
  if (x < GEO_LONG_MIN) x = GEO_LONG_MIN;
  let y = (a.lat.min + a.lat.max) / 2;
  if (y > GEO_LAT_MAX) y = GEO_LAT_MAX;
  if (y < GEO_LAT_MIN) y = GEO_LAT_MIN;
  return [x, y];
}

const TWO26 = 2 ** 26;

/** decodeGeohash(score): the centre [lon, lat] of the step-26 cell a zset score names. */
export function decodeScore(score: number): [number, number] {
  let ilato: number;
  let ilono: number;
  if (score >= 0 && score < 2 ** 52 && Number.isInteger(score)) {
    const lo = score % TWO26;
    const hi = (score - lo) / TWO26;
    // lo and hi each hold 13 lat/lon bit pairs
    ilato = (squash32(lo) | (squash32(hi) << 13)) >>> 0;
    ilono = (squash32(lo >>> 1) | (squash32(hi >>> 1) << 13)) >>> 0;
  } else {
    let b: bigint;
    if (!Number.isFinite(score)) b = score > 0 ? 0xffffffffffffffffn : 0n;
    else b = BigInt.asUintN(64, BigInt(Math.trunc(score)));
    [ilato, ilono] = deinterleave(b);
  }
  return areaCenter(areaFrom(MERC_LON, MERC_LAT, ilato, ilono, GEO_STEP_MAX));
}

export function align52(h: GeoHashBits): bigint {
  return BigInt.asUintN(64, h.bits << BigInt(52 - h.step * 2));
}

/** The zset score of a position (geohashAlign52Bits of the step-26 hash), or null outside the limits. */
export function encodeScore(lon: number, lat: number): bigint | null {
  const h = encodeWGS84(lon, lat, GEO_STEP_MAX);
  return h === null ? null : align52(h);
}

const ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

/** GEOHASH's 11-character standard geohash of a stored score. */
export function geohashString(score: number): string {
  const [lon, lat] = decodeScore(score);
  const h = encode({ min: -180, max: 180 }, { min: -90, max: 90 }, lon, lat, 26);
  const bits = h === null ? 0n : h.bits;
  let s = '';
  for (let i = 0; i < 11; i++) {
    const idx = i === 10 ? 0 : Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn);
    s += ALPHABET[idx]!;
  }
  return s;
}

// ---- Neighbours ----

const M64 = 0xffffffffffffffffn;
const EVEN = 0x5555555555555555n;
const ODD = 0xaaaaaaaaaaaaaaaan;

function moveX(h: GeoHashBits, d: number): void {
  if (d === 0) return;
  let x = h.bits & ODD;
  const y = h.bits & EVEN;
  const zz = EVEN >> BigInt(64 - h.step * 2);
  if (d > 0) x = (x + (zz + 1n)) & M64;
  else {
    x = x | zz;
    x = BigInt.asUintN(64, x - (zz + 1n));
  }
  x &= ODD >> BigInt(64 - h.step * 2);
  h.bits = x | y;
}

function moveY(h: GeoHashBits, d: number): void {
  if (d === 0) return;
  const x = h.bits & ODD;
  let y = h.bits & EVEN;
  const zz = ODD >> BigInt(64 - h.step * 2);
  if (d > 0) y = (y + (zz + 1n)) & M64;
  else {
    y = y | zz;
    y = BigInt.asUintN(64, y - (zz + 1n));
  }
  y &= EVEN >> BigInt(64 - h.step * 2);
  h.bits = x | y;
}

export interface Neighbors {
  north: GeoHashBits;
  south: GeoHashBits;
  east: GeoHashBits;
  west: GeoHashBits;
  northEast: GeoHashBits;
  northWest: GeoHashBits;
  southEast: GeoHashBits;
  southWest: GeoHashBits;
}

function moved(h: GeoHashBits, dx: number, dy: number): GeoHashBits {
  const n = { bits: h.bits, step: h.step };
  moveX(n, dx);
  moveY(n, dy);
  return n;
}

export function neighbors(h: GeoHashBits): Neighbors {
  return {
    east: moved(h, 1, 0),
    west: moved(h, -1, 0),
    south: moved(h, 0, -1),
    north: moved(h, 0, 1),
    northWest: moved(h, -1, 1),
    northEast: moved(h, 1, 1),
    southEast: moved(h, 1, -1),
    southWest: moved(h, -1, -1),
  };
}

// ---- Search areas ----

export interface GeoShape {
  circular: boolean;
  xy: [number, number];
  conversion: number;
  radius: number;
  width: number;
  height: number;
  bounds: [number, number, number, number];
}

export function estimateStepsByRadius(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2;
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  if (step < 1) step = 1;
  if (step > 26) step = 26;
  return step;
}

function boundingBox(s: GeoShape): void {
  const lon = s.xy[0];
  const lat = s.xy[1];
  const height = s.conversion * (s.circular ? s.radius : s.height / 2);
  const width = s.conversion * (s.circular ? s.radius : s.width / 2);
  const latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
  const lonDeltaTop = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(lat + latDelta)));
  const lonDeltaBottom = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(lat - latDelta)));
  const south = lat < 0;
  s.bounds[0] = south ? lon - lonDeltaBottom : lon - lonDeltaTop;
  s.bounds[2] = south ? lon + lonDeltaBottom : lon + lonDeltaTop;
  s.bounds[1] = lat - latDelta;
  s.bounds[3] = lat + latDelta;
}

const zeroHash = (): GeoHashBits => ({ bits: 0n, step: 0 });

/** The centre cell and its neighbours (useless ones zeroed) in Redis's search order. */
export function searchCells(s: GeoShape): GeoHashBits[] {
  boundingBox(s);
  const [minLon, minLat, maxLon, maxLat] = s.bounds;
  const [lon, lat] = s.xy;
  let radiusMeters = s.circular ? s.radius : Math.sqrt((s.width / 2) * (s.width / 2) + (s.height / 2) * (s.height / 2));
  radiusMeters *= s.conversion;
  let steps = estimateStepsByRadius(radiusMeters, lat);
  let hash = encodeWGS84(lon, lat, steps) ?? { bits: 0n, step: steps };
  let n = neighbors(hash);
  let area = decode(hash);
  let decrease = false;
  {
    const north = decode(n.north);
    const south = decode(n.south);
    const east = decode(n.east);
    const west = decode(n.west);
    if (north !== null && north.lat.max < maxLat) decrease = true;
    if (south !== null && south.lat.min > minLat) decrease = true;
    if (east !== null && east.lon.max < maxLon) decrease = true;
    if (west !== null && west.lon.min > minLon) decrease = true;
  }
  if (steps > 1 && decrease) {
    steps--;
    hash = encodeWGS84(lon, lat, steps) ?? { bits: 0n, step: steps };
    n = neighbors(hash);
    area = decode(hash);
  }
  if (steps >= 2 && area !== null) {
    if (area.lat.min < minLat) {
      n.south = zeroHash();
      n.southWest = zeroHash();
      n.southEast = zeroHash();
    }
    if (area.lat.max > maxLat) {
      n.north = zeroHash();
      n.northEast = zeroHash();
      n.northWest = zeroHash();
    }
    if (area.lon.min < minLon) {
      n.west = zeroHash();
      n.southWest = zeroHash();
      n.northWest = zeroHash();
    }
    if (area.lon.max > maxLon) {
      n.east = zeroHash();
      n.southEast = zeroHash();
      n.northEast = zeroHash();
    }
  }
  return [hash, n.north, n.south, n.east, n.west, n.northEast, n.northWest, n.southEast, n.southWest];
}

/** [min, max) of the scores inside a cell. */
export function scoresOfBox(h: GeoHashBits): [number, number] {
  const min = align52(h);
  const max = align52({ bits: h.bits + 1n, step: h.step });
  return [Number(min), Number(max)];
}

// ---- Distances ----

export function latDistance(lat1: number, lat2: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2) - degRad(lat1));
}

export function distance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const lon1r = degRad(lon1);
  const lon2r = degRad(lon2);
  const v = Math.sin((lon2r - lon1r) / 2);
  if (v === 0) return latDistance(lat1, lat2);
  const lat1r = degRad(lat1);
  const lat2r = degRad(lat2);
  const u = Math.sin((lat2r - lat1r) / 2);
  const a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

/** geoWithinShape: the distance in meters when the point [lon, lat] is inside the shape, else -1. */
export function distanceIfWithin(s: GeoShape, lon: number, lat: number): number {
  if (s.circular) {
    const d = distance(s.xy[0], s.xy[1], lon, lat);
    return d > s.radius * s.conversion ? -1 : d;
  }
  const w = s.width * s.conversion;
  const h = s.height * s.conversion;
  if (latDistance(lat, s.xy[1]) > h / 2) return -1;
  if (distance(lon, lat, s.xy[0], lat) > w / 2) return -1;
  return distance(s.xy[0], s.xy[1], lon, lat);
}

// ---- Reply formatting ----

function llrint(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** fixedpoint_d2string(d, 4): the "%.4f" distances of GEODIST / WITHDIST. */
export function formatDistance(d: number): string {
  if (d === 0) return '0.0000';
  const v = llrint(d * 10000);
  const neg = v < 0;
  let s = String(Math.abs(v));
  if (s.length < 5) s = s.padStart(5, '0');
  return (neg ? '-' : '') + s.slice(0, s.length - 4) + '.' + s.slice(s.length - 4);
}

/** addReplyHumanLongDouble's RESP2 text: "%.17Lf" without trailing zeros. */
export function formatHumanLongDouble(d: number): string {
  if (!Number.isFinite(d)) return d > 0 ? 'inf' : '-inf';
  let s = d.toFixed(17);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}
