// Bench harness: timing (best of several rounds after warm-up), Buffer allocation counting, chunking, and the
// redis-parser adapter (a CommonJS package without types).

import { createRequire } from 'node:module';

export interface RedisParserLike {
  execute(b: Buffer): void;
}
export type RedisParserCtor = new (opts: {
  returnReply: (v: unknown) => void;
  returnError: (e: Error) => void;
  returnFatalError?: (e: Error) => void;
  returnBuffers?: boolean;
}) => RedisParserLike;

export const RedisParser = createRequire(import.meta.url)('redis-parser') as RedisParserCtor;

export function chunk(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(Buffer.from(buf.subarray(i, i + size)));
  return out;
}

/**
 * One timed round: runs fn until it has used `ms` of CPU time and returns units per CPU second. CPU time
 * (process.cpuUsage, all threads of this process) rather than wall time keeps the figures meaningful on a
 * machine shared with other work, where this process is often descheduled.
 */
function round(fn: () => void, units: number, ms: number): number {
  let n = 0;
  const start = process.cpuUsage();
  let used = 0;
  do {
    fn();
    n++;
    const d = process.cpuUsage(start);
    used = (d.user + d.system) / 1e6;
  } while (used * 1000 < ms);
  return (n * units) / used;
}

/**
 * Best rate (units per second) of each function over interleaved rounds after a warm-up. Interleaving and taking
 * the best round keep the comparison fair on a machine shared with other work.
 */
export function compare(fns: (() => void)[], units: number, rounds = 12, ms = 150): number[] {
  for (const fn of fns) for (let i = 0; i < 3; i++) fn();
  const best = fns.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      best[i] = Math.max(best[i]!, round(fn, units, ms));
    });
  }
  return best;
}

export interface Comparison {
  /** median rate (units per CPU second) of each side over the trials */
  a: number;
  b: number;
  /** median, lowest quartile and highest quartile of the per-trial ratio a/b */
  ratio: number;
  q1: number;
  q3: number;
  /** the per-trial figures */
  rates: { a: number[]; b: number[]; ratios: number[] };
}

/** The value at fraction f (0..1) of the sorted values. */
export function quantile(v: number[], f: number): number {
  const s = [...v].sort((p, r) => p - r);
  return s[Math.min(s.length - 1, Math.floor(f * s.length))] ?? NaN;
}

/**
 * Side-by-side comparison of a and b: after a warm-up, `trials` trials each time a then b for `ms` of CPU time,
 * alternating; the result is the median of the per-trial ratios (with its quartiles). A trial compares two
 * rounds run back to back, so a change in the machine's load affects both sides of one ratio alike.
 */
export function compareRatio(a: () => void, b: () => void, units: number, trials = 15, ms = 60): Comparison {
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const ra: number[] = [];
  const rb: number[] = [];
  const ratios: number[] = [];
  for (let t = 0; t < trials; t++) {
    const x = round(a, units, ms);
    const y = round(b, units, ms);
    ra.push(x);
    rb.push(y);
    ratios.push(x / y);
  }
  const q = quantile;
  return {
    a: q(ra, 0.5),
    b: q(rb, 0.5),
    ratio: q(ratios, 0.5),
    q1: q(ratios, 0.25),
    q3: q(ratios, 0.75),
    rates: { a: ra, b: rb, ratios },
  };
}

export function measure(fn: () => void, units: number, rounds = 12, ms = 150): number {
  return compare([fn], units, rounds, ms)[0]!;
}

/** Counts Buffer allocations (alloc, allocUnsafe, allocUnsafeSlow, from, concat) made while fn runs. */
export function countAllocations(fn: () => void): number {
  const names = ['alloc', 'allocUnsafe', 'allocUnsafeSlow', 'from', 'concat'] as const;
  const B = Buffer as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = names.map((n) => B[n]);
  let count = 0;
  names.forEach((n, i) => {
    const orig = saved[i] as (...a: unknown[]) => unknown;
    B[n] = (...a: unknown[]) => {
      count++;
      return orig.apply(Buffer, a);
    };
  });
  try {
    fn();
  } finally {
    names.forEach((n, i) => (B[n] = saved[i] as (...a: unknown[]) => unknown));
  }
  return count;
}

export function fmt(n: number, digits = 1): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(digits)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(digits)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(digits)}k`;
  return n.toFixed(digits);
}
