// Timeout arguments of blocking commands (BLPOP & co., BZPOPMIN & co.), Redis's getTimeoutFromObjectOrReply with
// UNIT_SECONDS: a float number of seconds, rounded up to whole milliseconds; 0 means forever. Replies Redis's
// texts ("timeout is not a float or out of range", "timeout is negative") and returns null on failure.
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { parseFloatStrict } from './number.js';

/** Longest delay a Node timer honours (larger ones fire after 1 ms); longer timeouts block until served. */
const MAX_TIMER_MS = 2147483647;
/** Seconds * 1000 at or past 2^63 does not fit Redis's long long: it reads as negative there. */
const LLONG_LIMIT = 2 ** 63;

/** Absolute deadline in ms (0 = block forever) from a seconds argument, or null after replying an error. */
export function parseBlockTimeout(c: Client, e: Engine, arg: string): number | null {
  const sec = parseFloatStrict(arg);
  if (sec === null) {
    e.replyError(c, Err.TIMEOUT_NOT_FLOAT);
    return null;
  }
  const ms = Math.ceil(sec * 1000);
  if (!(ms >= 0) || ms >= LLONG_LIMIT) {
    e.replyError(c, Err.TIMEOUT_NEGATIVE);
    return null;
  }
  if (ms === 0 || ms > MAX_TIMER_MS) return 0;
  return Date.now() + ms;
}
