// Leaving MULTI state: shared by EXEC, DISCARD and RESET.
import { CF, type Client } from '../client.js';
import type { Engine } from '../engine.js';

export function discardTransaction(c: Client, e: Engine): void {
  c.multiQueue = [];
  c.flags &= ~(CF.MULTI | CF.DIRTY_CAS | CF.DIRTY_EXEC);
  e.watch.unwatchAll(c);
}
