// Typed key lookups for handlers: answer WRONGTYPE once, here, so every data-type command words it the same.
import type { ObjTypeId, RObject } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';

/** Sentinel returned when the key holds another type (the error has already been replied). */
export const WRONG_TYPE = null;

/** Read lookup: undefined when missing, null when of another type (WRONGTYPE replied), else the object. */
export function lookupRead<T = unknown>(c: Client, e: Engine, key: string, type: ObjTypeId): RObject<T> | undefined | null {
  const o = c.db.lookupRead(key);
  if (o === undefined) return undefined;
  if (o.type !== type) {
    e.replyError(c, Err.WRONGTYPE);
    return null;
  }
  return o as RObject<T>;
}

/** Write lookup (the object is safe to mutate): undefined when missing, null when of another type. */
export function lookupWrite<T = unknown>(c: Client, e: Engine, key: string, type: ObjTypeId): RObject<T> | undefined | null {
  const o = c.db.lookupWrite(key);
  if (o === undefined) return undefined;
  if (o.type !== type) {
    e.replyError(c, Err.WRONGTYPE);
    return null;
  }
  return o as RObject<T>;
}

/** After a write: WATCH invalidation, keyspace event, dirty counter. */
export function keyChanged(c: Client, e: Engine, key: string, cls: Parameters<Client['db']['notify']>[0], event: string, dirty = 1): void {
  c.db.signalModified(key);
  c.db.notify(cls, event, key);
  e.dirty += dirty;
}
