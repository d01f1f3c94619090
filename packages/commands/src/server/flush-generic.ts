// The optional ASYNC|SYNC argument of FLUSHDB/FLUSHALL (both free memory synchronously here).
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';

export function parseFlushMode(c: Client, e: Engine): boolean {
  if (c.argv.length === 1) return true;
  const mode = c.argv[1]!.toUpperCase();
  if (c.argv.length === 2 && (mode === 'ASYNC' || mode === 'SYNC')) return true;
  e.replyError(c, Err.SYNTAX);
  return false;
}
