// Wire tests for the GEO family (positions, hashes, distances, searches, STORE) and differential runs against
// a real redis-server: a fixed script plus seeded random points and searches, coordinates and distances compared
// as the strings each server prints (RESP2 and RESP3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { differential, haveRedisServer, start, startRealRedis, type Started } from './helpers.js';

let srv: Started;
let io: Redis;

beforeAll(async () => {
  srv = await start();
  io = new Redis({ port: srv.port, host: '127.0.0.1', lazyConnect: false });
});
afterAll(async () => {
  io.disconnect();
  await srv.close();
});

if (!haveRedisServer()) console.warn('redis-server not installed: skipping GEO differential tests');

describe('GEO over ioredis', () => {
  it('GEOADD, GEOPOS, GEOHASH and GEODIST print what Redis prints', async () => {
    expect(await io.geoadd('Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania')).toBe(2);
    expect(await io.geopos('Sicily', 'Palermo', 'nope')).toEqual([['13.36138933897018433', '38.11555639549629859'], null]);
    expect(await io.geohash('Sicily', 'Palermo', 'Catania')).toEqual(['sqc8b49rny0', 'sqdtr74hyu0']);
    expect(await io.geodist('Sicily', 'Palermo', 'Catania')).toBe('166274.1516');
    expect(await io.call('GEODIST', 'Sicily', 'Palermo', 'Catania', 'km')).toBe('166.2742');
    expect(await io.zscore('Sicily', 'Palermo')).toBe('3479099956230698');
    await expect(io.geoadd('Sicily', '200', '100', 'x')).rejects.toThrow('ERR invalid longitude,latitude pair 200.000000,100.000000');
    await expect(io.call('GEOADD', 'Sicily', 'NX', 'XX', '1', '1', 'x')).rejects.toThrow('ERR syntax error');
    expect(await io.call('GEOADD', 'Sicily', 'CH', '13.361389', '38.115556', 'Palermo', '15', '37', 'Catania')).toBe(1);
  });

  it('GEOSEARCH by radius and box with options; STORE/STOREDIST', async () => {
    await io.geoadd('pts', '15.087269', '37.502669', 'Catania', '13.361389', '38.115556', 'Palermo');
    expect(await io.call('GEOSEARCH', 'pts', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ASC', 'WITHDIST')).toEqual([
      ['Catania', '56.4413'],
      ['Palermo', '190.4424'],
    ]);
    expect(await io.call('GEOSEARCH', 'pts', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'DESC', 'COUNT', '1')).toEqual(['Palermo']);
    expect(await io.call('GEORADIUS', 'pts', '15', '37', '200', 'km', 'STOREDIST', 'd')).toBe(2);
    expect(await io.zrange('d', '0', '-1', 'WITHSCORES')).toEqual(['Catania', '56.441257870158204', 'Palermo', '190.44242984775784']);
    await expect(io.call('GEORADIUS_RO', 'pts', '15', '37', '200', 'km', 'STORE', 'x')).rejects.toThrow('ERR syntax error');
    await expect(io.call('GEOSEARCH', 'pts', 'BYBOX', '1', '1', 'km', 'ASC')).rejects.toThrow(
      'ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for GEOSEARCH',
    );
    await expect(io.call('GEOSEARCH', 'pts', 'FROMLONLAT', '1', '1', 'BYRADIUS', '1', 'km', 'ANY')).rejects.toThrow(
      'ERR the ANY argument requires COUNT argument',
    );
    expect(await io.call('GEOSEARCHSTORE', 'd', 'nokey', 'FROMLONLAT', '1', '1', 'BYRADIUS', '1', 'km')).toBe(0);
    expect(await io.exists('d')).toBe(0);
  });
});

/** A small seeded PRNG so the random differential is reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(!haveRedisServer())('GEO: differential against redis-server', () => {
  it('a fixed script matches in RESP2 and RESP3', async () => {
    const real = await startRealRedis();
    try {
      const script: (string | number)[][] = [
        ['GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'],
        ['GEOADD', 'Sicily', 'XX', 'CH', '13.361389', '38.115556', 'Palermo', '1', '2', 'New'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'mi'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'ft'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'yd'],
        ['GEODIST', 'Sicily', 'Palermo', 'nope'],
        ['GEOHASH', 'Sicily', 'Palermo', 'Catania', 'nope'],
        ['GEOPOS', 'Sicily', 'Palermo', 'Catania', 'nope'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHDIST', 'WITHCOORD', 'WITHHASH'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '1', 'ANY'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '0'],
        ['GEORADIUS', 'Sicily', '15', '37', '-1', 'km'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'parsec'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '200', 'km', 'WITHDIST', 'DESC'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'nope', '200', 'km'],
        ['GEORADIUSBYMEMBER_RO', 'nokey', 'nope', '200', 'km'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STOREDIST', 'dst', 'WITHDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '300', 'km', 'WITHDIST', 'WITHCOORD', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'BYRADIUS', '3', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'STOREDIST'],
        ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'WITHDIST'],
        ['GEOADD', 'edge', '-180', '85.05112878', 'a', '180', '-85.05112878', 'b', '0', '0', 'c', '-0.0001', '0.0001', 'd'],
        ['GEOPOS', 'edge', 'a', 'b', 'c', 'd'],
        ['GEOHASH', 'edge', 'a', 'b', 'c', 'd'],
        ['ZRANGE', 'edge', '0', '-1', 'WITHSCORES'],
        ['GEOSEARCH', 'edge', 'FROMLONLAT', '0', '0', 'BYRADIUS', '20000', 'km', 'ASC', 'WITHDIST'],
        ['GEODIST', 'edge', 'a', 'b'],
        ['SET', 'str', 'x'],
        ['GEOPOS', 'str', 'a'],
      ];
      const r2 = await differential(srv.port, real.port, script);
      expect(r2.ours).toEqual(r2.theirs);
      const r3 = await differential(srv.port, real.port, [['HELLO', '3'], ...script]);
      expect(r3.ours.slice(1)).toEqual(r3.theirs.slice(1));
    } finally {
      await real.close();
    }
  });

  it('seeded random points and searches match', async () => {
    const real = await startRealRedis();
    try {
      const rnd = rng(7);
      for (let round = 0; round < 6; round++) {
        const lon0 = rnd() * 360 - 180;
        const lat0 = rnd() * 160 - 80;
        const spread = [0.01, 0.5, 5, 40][round % 4]!;
        const add: string[] = ['GEOADD', 'pts'];
        for (let i = 0; i < 200; i++) {
          const lon = Math.max(-180, Math.min(180, lon0 + (rnd() - 0.5) * spread * 2));
          const lat = Math.max(-85, Math.min(85, lat0 + (rnd() - 0.5) * spread));
          add.push(lon.toFixed(6), lat.toFixed(6), `m${i}`);
        }
        const radiusKm = (spread * 111 * rnd()).toFixed(3);
        const cmds: (string | number)[][] = [
          add,
          ['GEOSEARCH', 'pts', 'FROMLONLAT', lon0.toFixed(5), lat0.toFixed(5), 'BYRADIUS', radiusKm, 'km', 'ASC', 'WITHDIST', 'WITHCOORD', 'WITHHASH'],
          ['GEOSEARCH', 'pts', 'FROMMEMBER', 'm0', 'BYBOX', radiusKm, (Number(radiusKm) / 2).toFixed(3), 'km', 'DESC', 'WITHDIST'],
          ['GEOSEARCH', 'pts', 'FROMMEMBER', 'm1', 'BYRADIUS', radiusKm, 'mi', 'COUNT', '5', 'ANY'],
          ['GEORADIUSBYMEMBER', 'pts', 'm2', radiusKm, 'km', 'COUNT', '7'],
          ['GEODIST', 'pts', 'm0', 'm199', 'km'],
          ['GEOPOS', 'pts', 'm0', 'm50', 'm199'],
          ['GEOHASH', 'pts', 'm0', 'm50', 'm199'],
        ];
        const { ours, theirs } = await differential(srv.port, real.port, cmds);
        expect(ours).toEqual(theirs);
      }
    } finally {
      await real.close();
    }
  });
});
