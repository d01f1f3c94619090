// Shared lookup of the XINFO subcommands: the key must exist ("ERR no such key") and be a stream.
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { lookupStream, type StreamObject } from './stream-generic.js';

export function xinfoLookup(c: Client, e: Engine): StreamObject | null {
  const o = lookupStream(c, e, c.argv[2]!, false);
  if (o === null) return null;
  if (o === undefined) {
    e.replyError(c, Err.NO_SUCH_KEY);
    return null;
  }
  return o;
}
