// Shared by HSCAN and SSCAN (and usable by ZSCAN): Redis 7.0's scanGenericCommand option parsing for a key's
// elements (COUNT >= 1, MATCH; TYPE is a syntax error here) and the random-count bound that keeps
// SRANDMEMBER / HRANDFIELD with huge negative counts from building an unbounded reply (BAD-INPUT item 15).
// This file hard-codes protocol wording (Redis's error texts) on purpose.
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { parseIntNum } from './number.js';

export interface ElementScanOptions {
  count: number;
  /** undefined when every element matches (no MATCH, or MATCH *). */
  pattern: string | undefined;
}

/** Parses the options from argv[from] on; replies the error and returns null when invalid. */
export function parseElementScanOptions(c: Client, e: Engine, from: number): ElementScanOptions | null {
  const argv = c.argv;
  let count = 10;
  let pattern: string | undefined;
  for (let i = from; i < argv.length; i += 2) {
    const opt = argv[i]!.toLowerCase();
    const more = argv.length - i;
    if (opt === 'count' && more >= 2) {
      const n = parseIntNum(argv[i + 1]!);
      if (n === null) {
        e.replyError(c, Err.NOT_INTEGER);
        return null;
      }
      if (n < 1) {
        e.replyError(c, Err.SYNTAX);
        return null;
      }
      count = Math.min(n, 1 << 30);
    } else if (opt === 'match' && more >= 2) {
      const p = argv[i + 1]!;
      pattern = p === '*' ? undefined : p;
    } else {
      e.replyError(c, Err.SYNTAX);
      return null;
    }
  }
  return { count, pattern };
}

/** Redis's range for SRANDMEMBER / HRANDFIELD counts: [-LONG_MAX, LONG_MAX]. */
export const RANDOM_COUNT_RANGE_ERROR =
  'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807';

/** Largest reply (estimated bytes) a repeating random-count command may build. */
export const RANDOM_REPLY_MAX_BYTES = 256 * 1024 * 1024;

/**
 * True when `count` repeated picks of elements averaging `avgBytes` would build a reply above
 * RANDOM_REPLY_MAX_BYTES. Redis would try (and run out of memory or stall); we reply an error instead.
 */
export function randomReplyTooLarge(count: number, avgBytes: number): boolean {
  return count * (avgBytes + 16) > RANDOM_REPLY_MAX_BYTES;
}
