// The owner-thread check for the server's IO-thread objects (RemoteClient, the worker handles): the same rule and
// error as @redwing/event-loop's loops and connections (OwnershipError naming operation, owner and caller; the
// check runs before any state is touched).
import { OwnershipError, currentThread } from '@redwing/event-loop';

export function checkOwnerThread(owner: number, op: string): void {
  const caller = currentThread();
  if (owner !== caller) throw new OwnershipError(op, owner, caller);
}
