// OBJECT's key lookup: no LRU/LFU touch and no keyspace notification (Redis's LOOKUP_NOTOUCH|LOOKUP_NONOTIFY);
// a missing key answers null. Also the LFU/LRU error texts shared by OBJECT FREQ/IDLETIME.
import type { RObject } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';

export function objectLookupOrNull(c: Client, e: Engine, key: string): RObject | undefined {
  const stats = e.keyspace.stats;
  if (!c.db.exists(key)) {
    stats.keyspaceMisses++;
    c.reply.null();
    return undefined;
  }
  stats.keyspaceHits++;
  return c.db.peek(key);
}

export const LFU_SELECTED =
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
export const LFU_NOT_SELECTED =
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
