// KeyHandle: the module-style API to one key. open (Db.openKey) pins the key's value with one reference; close()
// releases exactly that reference. After close() every call throws KeyHandleClosedError and changes no refcount;
// after unlink() everything but the one close() it still owes throws the same. This makes the Valkey crash
// (a module closing the same key twice -> "decrRefCount against refcount <= 0") a caught error instead.
import type { Db } from './db.js';
import { KeyHandleClosedError } from './errors.js';
import { decrRefCount, incrRefCount, type ObjTypeId, type RObject } from './object.js';

const OPEN = 0;
const UNLINKED = 1;
const CLOSED = 2;

export class KeyHandle {
  readonly db: Db;
  readonly key: string;
  readonly writable: boolean;
  private pinned: RObject | undefined;
  private state = OPEN;

  constructor(db: Db, key: string, writable: boolean) {
    this.db = db;
    this.key = key;
    this.writable = writable;
    const o = writable ? db.lookupWrite(key) : db.liveEntry(key)?.val;
    if (o !== undefined) {
      incrRefCount(o); // released by close()
      this.pinned = o;
    }
  }

  get isOpen(): boolean {
    return this.state === OPEN;
  }

  private assertOpen(op: string): void {
    if (this.state !== OPEN) {
      throw new KeyHandleClosedError(
        `KeyHandle.${op}() on a handle that was ${this.state === CLOSED ? 'closed' : 'unlinked'}`,
      );
    }
  }

  private assertWritable(op: string): void {
    this.assertOpen(op);
    if (!this.writable) throw new KeyHandleClosedError(`KeyHandle.${op}() on a handle opened for reading`);
  }

  /** The value pinned at open (or last set through this handle); undefined if the key was missing. */
  value(): RObject | undefined {
    this.assertOpen('value');
    return this.pinned;
  }

  /** The value's type, or undefined for an empty key. */
  type(): ObjTypeId | undefined {
    this.assertOpen('type');
    return this.pinned?.type;
  }

  /** Write mode: the key's current value made safe to mutate in place (unshared first), or undefined if missing. */
  modify(): RObject | undefined {
    this.assertWritable('modify');
    const old = this.pinned;
    this.pinned = undefined;
    if (old !== undefined) decrRefCount(old); // drop our pin so it does not force a copy
    const o = this.db.lookupWrite(this.key);
    if (o !== undefined) {
      incrRefCount(o); // the new pin, released by close()
      this.pinned = o;
    }
    return o;
  }

  /** Write mode: stores `val` under the key (takes over one reference of val, as Db.set) and pins it. */
  set(val: RObject, opts?: { keepTtl?: boolean }): void {
    this.assertWritable('set');
    this.db.set(this.key, val, opts);
    incrRefCount(val); // the new pin, released by close()
    const old = this.pinned;
    this.pinned = val;
    if (old !== undefined) decrRefCount(old);
  }

  getExpire(): number {
    this.assertOpen('getExpire');
    return this.db.getExpire(this.key);
  }

  /** Write mode: sets (atMs >= 0) or removes (atMs = -1) the TTL. Returns false if the key does not exist. */
  setExpire(atMs: number): boolean {
    this.assertWritable('setExpire');
    if (!this.db.exists(this.key)) return false;
    if (atMs < 0) this.db.removeExpire(this.key);
    else this.db.setExpire(this.key, atMs);
    return true;
  }

  /** Write mode: deletes the key. The handle then only accepts close(). Returns whether a key was deleted. */
  unlink(): boolean {
    this.assertWritable('unlink');
    this.state = UNLINKED;
    return this.db.delete(this.key);
  }

  /** Releases what open took. A second close() throws KeyHandleClosedError and changes nothing. */
  close(): void {
    if (this.state === CLOSED) throw new KeyHandleClosedError('KeyHandle.close() called twice');
    this.state = CLOSED;
    const o = this.pinned;
    this.pinned = undefined;
    if (o !== undefined) decrRefCount(o);
  }
}
