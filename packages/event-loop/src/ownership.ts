// Owner-thread guards. Every loop and connection records the thread that owns it; every mutating entry point
// calls `checkOwner`, which throws `OwnershipError` before touching any state when the caller is another thread.
// `simulateThread` lets tests (and fault-injection harnesses) run a call as if it came from another thread.
// Cross-thread work must be a message to the owner, never a direct call.
import { threadId } from 'node:worker_threads';

let callerThread: number = threadId;

/** The id of the thread running this code (`worker_threads.threadId`, or the simulated one). */
export function currentThread(): number {
  return callerThread;
}

/**
 * Run `fn` as if it were called from thread `id`. A testing aid: it is how a single-threaded test proves that a
 * cross-thread call is caught. Nesting is allowed; the previous id is restored even when `fn` throws.
 */
export function simulateThread<T>(id: number, fn: () => T): T {
  const prev = callerThread;
  callerThread = id;
  try {
    return fn();
  } finally {
    callerThread = prev;
  }
}

/** A mutating operation was called from a thread that does not own the object. Nothing was changed. */
export class OwnershipError extends Error {
  readonly code = 'EOWNERSHIP' as const;
  readonly op: string;
  readonly owner: number;
  readonly caller: number;

  constructor(op: string, owner: number, caller: number) {
    super(`${op}: called from thread ${caller}, but the object is owned by thread ${owner}`);
    this.name = 'OwnershipError';
    this.op = op;
    this.owner = owner;
    this.caller = caller;
  }
}

/** Throw `OwnershipError` unless the calling thread is `owner`. */
export function checkOwner(owner: number, op: string): void {
  if (owner !== callerThread) throw new OwnershipError(op, owner, callerThread);
}
