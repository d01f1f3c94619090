// Public API of @redwing/store: the object model, shared pool, keyspace (dbs, expiry, eviction, scan), key
// handles, snapshots, hooks and errors. Type modules (types/*.ts) register their ops when imported here.
export * from './object.js';
export * from './errors.js';
export * from './shared.js';
export * from './config.js';
export * from './hooks.js';
export * from './lru.js';
export { Db, ENTRY_OVERHEAD, TTL_OVERHEAD, type SetOptions, type OpenKeyOptions } from './db.js';
export {
  Keyspace,
  ACTIVE_EXPIRE_KEYS_PER_LOOP,
  ACTIVE_EXPIRE_STALE_RATIO,
  type KeyspaceOptions,
  type KeyspaceStats,
} from './keyspace.js';
export { KeyHandle } from './key-handle.js';
export { DbSnapshot, type SnapshotEntry } from './snapshot.js';
export { EVPOOL_SIZE } from './evict.js';
export * from './types/string.js';
export * from './types/list.js';
export * from './types/zset.js';
export * from './types/slot-index.js';
export * from './types/hash.js';
export * from './types/set.js';
export * from './types/stream.js';
