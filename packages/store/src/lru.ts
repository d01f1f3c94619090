// LRU clock and LFU counter arithmetic, as Redis computes them: a 24-bit LRU clock in seconds; for LFU the `lru`
// field holds 16 bits of "minutes" (last decrement time) and an 8-bit logarithmic access counter that grows with
// probability 1/((counter - 5) * lfu-log-factor + 1) and decays by one per lfu-decay-time minutes.
// Pure functions over (object, now, config); the Keyspace owns the clock and the random source.
import type { RObject } from './object.js';

export const LRU_CLOCK_MAX = (1 << 24) - 1;
export const LRU_CLOCK_RESOLUTION = 1000; // ms
export const LFU_INIT_VAL = 5;

export function lruClock(nowMs: number): number {
  return Math.floor(nowMs / LRU_CLOCK_RESOLUTION) & LRU_CLOCK_MAX;
}

/** Idle time in ms of an object whose `lru` holds an LRU clock, as Redis's estimateObjectIdleTime. */
export function estimateIdleTime(o: RObject, nowMs: number): number {
  const c = lruClock(nowMs);
  const l = o.lru;
  return c >= l ? (c - l) * LRU_CLOCK_RESOLUTION : (c + (LRU_CLOCK_MAX - l)) * LRU_CLOCK_RESOLUTION;
}

export function lfuTimeInMinutes(nowMs: number): number {
  return Math.floor(nowMs / 60000) & 65535;
}

function lfuTimeElapsed(ldt: number, nowMs: number): number {
  const now = lfuTimeInMinutes(nowMs);
  return now >= ldt ? now - ldt : 65535 - ldt + now;
}

/** The LFU counter after decay (not stored), as Redis's LFUDecrAndReturn. */
export function lfuDecrAndReturn(o: RObject, nowMs: number, decayTime: number): number {
  const ldt = o.lru >>> 8;
  const counter = o.lru & 255;
  const periods = decayTime > 0 ? Math.floor(lfuTimeElapsed(ldt, nowMs) / decayTime) : 0;
  if (periods === 0) return counter;
  return periods > counter ? 0 : counter - periods;
}

/** Logarithmic increment of an 8-bit counter, as Redis's LFULogIncr. `r` is a uniform random in [0,1). */
export function lfuLogIncr(counter: number, logFactor: number, r: number): number {
  if (counter === 255) return 255;
  let base = counter - LFU_INIT_VAL;
  if (base < 0) base = 0;
  const p = 1 / (base * logFactor + 1);
  return r < p ? counter + 1 : counter;
}

/** The `lru` field for a new object under LFU. */
export function lfuInitial(nowMs: number): number {
  return (lfuTimeInMinutes(nowMs) << 8) | LFU_INIT_VAL;
}
