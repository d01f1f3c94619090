// Redis Cluster is not supported: like a redis-server started with `cluster-enabled no`, every CLUSTER subcommand
// and READONLY / READWRITE / ASKING answer that cluster support is disabled (arity and unknown subcommands are
// checked before, by the dispatch gate, as in Redis).
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';

export function replyClusterDisabled(c: Client, e: Engine): void {
  e.replyError(c, 'ERR This instance has cluster support disabled');
}
