// Unit tests of the geohash codec against values printed by Redis 7.0.15.
import { describe, expect, it } from 'vitest';
import { decodeScore, encodeScore, estimateStepsByRadius, formatDistance, formatHumanLongDouble, geohashString } from './geo-codec.js';

describe('geo codec', () => {
  it('encodes and decodes Redis scores', () => {
    expect(encodeScore(13.361389, 38.115556)).toBe(3479099956230698n);
    const [lon, lat] = decodeScore(3479099956230698);
    expect(formatHumanLongDouble(lon)).toBe('13.36138933897018433');
    expect(formatHumanLongDouble(lat)).toBe('38.11555639549629859');
    expect(geohashString(3479099956230698)).toBe('sqc8b49rny0');
    expect(encodeScore(181, 0)).toBeNull();
    expect(encodeScore(0, 85.06)).toBeNull();
  });

  it('decodes scores outside the 52-bit range without throwing', () => {
    for (const s of [-1, 2 ** 60, 1.5, Infinity]) {
      const [lon, lat] = decodeScore(s);
      expect(Math.abs(lon)).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(85.05112878);
    }
  });

  it('formats distances as fixedpoint %.4f and estimates steps', () => {
    expect(formatDistance(0)).toBe('0.0000');
    expect(formatDistance(0.00005)).toBe('0.0000');
    expect(formatDistance(0.00025)).toBe('0.0002');
    expect(formatDistance(166274.15156960033)).toBe('166274.1516');
    expect(estimateStepsByRadius(0, 0)).toBe(26);
    expect(estimateStepsByRadius(1e9, 0)).toBe(1);
  });
});
