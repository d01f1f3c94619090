// MEMORY STATS: Redis's field list, filled with what a JS heap can honestly tell: dataset bytes are the store's
// estimate, allocator/RSS figures come from process.memoryUsage(), replication/AOF/cluster buffers are 0.
import type { CommandHandler } from '../types.js';

export const memoryStatsCommand: CommandHandler = (c, e) => {
  const r = c.reply;
  const mu = process.memoryUsage();
  const dataset = e.keyspace.usedMemory();
  const total = dataset;
  const peak = Math.max(total, e.peakMemory);
  const dbs = e.keyspace.dbs.filter((d) => d.size() > 0);
  let keys = 0;
  for (const d of e.keyspace.dbs) keys += d.size();
  const heap = mu.heapUsed;
  const rss = mu.rss;
  r.mapHeader(27 + dbs.length);
  const int = (k: string, v: number): void => {
    r.bulk(k);
    r.integer(Math.round(v));
  };
  const dbl = (k: string, v: number): void => {
    r.bulk(k);
    r.double(v);
  };
  int('peak.allocated', peak);
  int('total.allocated', total);
  int('startup.allocated', 0);
  int('replication.backlog', 0);
  int('clients.slaves', 0);
  int('clients.normal', 0);
  int('cluster.links', 0);
  int('aof.buffer', 0);
  int('lua.caches', 0);
  int('functions.caches', 0);
  for (const d of dbs) {
    r.bulk(`db.${d.id}`);
    r.mapHeader(3);
    int('overhead.hashtable.main', 0);
    int('overhead.hashtable.expires', 0);
    int('overhead.hashtable.slot-to-keys', 0);
  }
  int('overhead.total', 0);
  int('keys.count', keys);
  int('keys.bytes-per-key', keys > 0 ? Math.floor(total / keys) : 0);
  int('dataset.bytes', dataset);
  dbl('dataset.percentage', total > 0 ? (dataset * 100) / total : 0);
  dbl('peak.percentage', peak > 0 ? (total * 100) / peak : 0);
  int('allocator.allocated', heap);
  int('allocator.active', mu.heapTotal);
  int('allocator.resident', rss);
  dbl('allocator-fragmentation.ratio', heap > 0 ? mu.heapTotal / heap : 0);
  int('allocator-fragmentation.bytes', mu.heapTotal - heap);
  dbl('allocator-rss.ratio', mu.heapTotal > 0 ? rss / mu.heapTotal : 0);
  int('allocator-rss.bytes', rss - mu.heapTotal);
  dbl('rss-overhead.ratio', 1);
  int('rss-overhead.bytes', 0);
  dbl('fragmentation', heap > 0 ? rss / heap : 0);
  int('fragmentation.bytes', rss - heap);
};
