// Error classes of @redwing/store. Every one of them signals a bug in the caller (misuse of a refcount, of a key
// handle, or of a Db primitive), never an expected failure; each has a stable `code` so the server can catch it at
// the command boundary, reply `-ERR internal error`, log it and keep serving.

/** A refcount was misused: decremented past zero, incremented on a STATIC object, or a released object was used. */
export class RefCountError extends Error {
  readonly code = 'ERR_REFCOUNT';
  constructor(message: string) {
    super(message);
    this.name = 'RefCountError';
  }
}

/** A KeyHandle was used after close() (or after unlink(), except for the one close() it still owes). */
export class KeyHandleClosedError extends Error {
  readonly code = 'ERR_KEY_HANDLE_CLOSED';
  constructor(message: string) {
    super(message);
    this.name = 'KeyHandleClosedError';
  }
}

/** A Db primitive was called against its contract (add() on an existing key, setExpire() on a missing key, ...). */
export class StoreMisuseError extends Error {
  readonly code = 'ERR_STORE_MISUSE';
  constructor(message: string) {
    super(message);
    this.name = 'StoreMisuseError';
  }
}
