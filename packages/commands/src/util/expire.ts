// Expire-time arguments (EX/PX/EXAT/PXAT in SET and GETEX, SETEX/PSETEX, EXPIRE and friends): conversion to an
// absolute unix time in ms with Redis's overflow checks and its "invalid expire time in '<cmd>' command" text.
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { parseInt64 } from './number.js';

export type ExpireUnit = 'EX' | 'PX' | 'EXAT' | 'PXAT';

const LLONG_MAX = 9223372036854775807n;

/**
 * Parse an expire argument to absolute ms. Replies the error and returns null on failure.
 * `allowNonPositive` is for EXPIRE-family commands, where 0 and negatives mean "delete now".
 */
export function parseExpireArg(c: Client, e: Engine, arg: string, unit: ExpireUnit, allowNonPositive = false): number | null {
  const v = parseInt64(arg);
  if (v === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return null;
  }
  const invalid = (): null => {
    e.replyError(c, `ERR invalid expire time in '${c.cmd?.name ?? ''}' command`);
    return null;
  };
  if (!allowNonPositive && v <= 0n) return invalid();
  let ms = v;
  if (unit === 'EX' || unit === 'EXAT') {
    if (ms > LLONG_MAX / 1000n || ms < -LLONG_MAX / 1000n) return invalid();
    ms *= 1000n;
  }
  if (unit === 'EX' || unit === 'PX') {
    const now = BigInt(e.keyspace.now());
    if (ms > LLONG_MAX - now) return invalid();
    ms += now;
  }
  return Number(ms);
}
