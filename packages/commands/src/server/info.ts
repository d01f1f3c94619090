// INFO [section ...]: Redis's sections and field names (clients and tools parse them). Fields owned by the
// network layer (tcp_port, connected_clients, ...) come from providers the host registers with
// `engine.infoProviders`; everything the engine knows is filled in here.
import type { Engine } from '../engine.js';
import type { CommandHandler } from '../types.js';
import { REDIS_VERSION } from '../connection/hello.js';

export type InfoFields = [string, string | number][];
export type InfoProvider = (e: Engine) => InfoFields;

const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace'];
const ALL_EXTRA = ['commandstats', 'latencystats'];

function serverSection(e: Engine): InfoFields {
  const now = Date.now();
  const uptime = Math.floor((now - e.startTime) / 1000);
  return [
    ['redis_version', REDIS_VERSION],
    ['redis_git_sha1', '00000000'],
    ['redis_git_dirty', 0],
    ['redis_build_id', 'redwing'],
    ['redis_mode', 'standalone'],
    ['os', `${process.platform} ${process.arch}`],
    ['arch_bits', 64],
    ['monotonic_clock', 'POSIX clock_gettime'],
    ['multiplexing_api', 'epoll'],
    ['atomicvar_api', 'c11-builtin'],
    ['gcc_version', '0.0.0'],
    ['process_id', process.pid],
    ['process_supervised', 'no'],
    ['run_id', e.runId],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', e.config.getNumber('hz')],
    ['configured_hz', e.config.getNumber('hz')],
    ['lru_clock', Math.floor(now / 1000) & ((1 << 24) - 1)],
    ['executable', process.argv[1] ?? ''],
    ['config_file', ''],
    ['io_threads_active', 0],
    ['redwing_version', '0.0.0'],
    ['node_version', process.version],
  ];
}

function clientsSection(e: Engine): InfoFields {
  let pubsubClients = 0;
  let watching = 0;
  for (const c of e.clients.values()) {
    if (c.channels.size + c.patterns.size + c.shardChannels.size > 0) pubsubClients++;
    if (c.watched.size > 0) watching++;
  }
  return [
    ['connected_clients', e.clients.size],
    ['cluster_connections', 0],
    ['maxclients', e.config.has('maxclients') ? e.config.getNumber('maxclients') : 10000],
    ['client_recent_max_input_buffer', 0],
    ['client_recent_max_output_buffer', 0],
    ['blocked_clients', e.blocking.blockedCount + e.postponedCount],
    ['tracking_clients', 0],
    ['pubsub_clients', pubsubClients],
    ['watching_clients', watching],
    ['clients_in_timeout_table', e.blocking.blockedCount],
    ['total_watched_keys', e.watch.size],
  ];
}

function memorySection(e: Engine): InfoFields {
  const used = e.keyspace.usedMemory();
  const mu = process.memoryUsage();
  const maxmemory = e.keyspace.config.maxmemory;
  return [
    ['used_memory', used],
    ['used_memory_human', human(used)],
    ['used_memory_rss', mu.rss],
    ['used_memory_rss_human', human(mu.rss)],
    ['used_memory_peak', Math.max(used, e.peakMemory)],
    ['used_memory_peak_human', human(Math.max(used, e.peakMemory))],
    ['used_memory_overhead', 0],
    ['used_memory_startup', 0],
    ['used_memory_dataset', used],
    ['used_memory_lua', 0],
    ['used_memory_scripts', e.scripting.memory],
    ['number_of_cached_scripts', e.scripting.scripts.size],
    ['maxmemory', maxmemory],
    ['maxmemory_human', human(maxmemory)],
    ['maxmemory_policy', e.keyspace.config.maxmemoryPolicy],
    ['mem_not_counted_for_evict', 0],
    ['mem_fragmentation_ratio', used > 0 ? (mu.rss / used).toFixed(2) : '0.00'],
    ['mem_allocator', 'v8'],
    ['lazyfree_pending_objects', 0],
    ['lazyfreed_objects', 0],
  ];
}

function persistenceSection(e: Engine): InfoFields {
  return [
    ['loading', 0],
    ['async_loading', 0],
    ['current_cow_peak', 0],
    ['current_cow_size', 0],
    ['current_fork_perc', '0.00'],
    ['current_save_keys_processed', 0],
    ['current_save_keys_total', 0],
    ['rdb_changes_since_last_save', e.dirty],
    ['rdb_bgsave_in_progress', 0],
    ['rdb_last_save_time', Math.floor(e.startTime / 1000)],
    ['rdb_last_bgsave_status', 'ok'],
    ['rdb_last_bgsave_time_sec', -1],
    ['rdb_current_bgsave_time_sec', -1],
    ['rdb_saves', 0],
    ['aof_enabled', 0],
    ['aof_rewrite_in_progress', 0],
    ['aof_rewrite_scheduled', 0],
    ['aof_last_rewrite_time_sec', -1],
    ['aof_current_rewrite_time_sec', -1],
    ['aof_last_bgrewrite_status', 'ok'],
    ['aof_rewrites', 0],
    ['aof_last_write_status', 'ok'],
    ['module_fork_in_progress', 0],
    ['module_fork_last_cow_size', 0],
  ];
}

function statsSection(e: Engine): InfoFields {
  const s = e.stats;
  const ks = e.keyspace.stats;
  return [
    ['total_connections_received', s.totalConnections],
    ['total_commands_processed', s.commandsProcessed],
    ['instantaneous_ops_per_sec', 0],
    ['total_net_input_bytes', s.netInputBytes],
    ['total_net_output_bytes', s.netOutputBytes],
    ['instantaneous_input_kbps', '0.00'],
    ['instantaneous_output_kbps', '0.00'],
    ['rejected_connections', s.rejectedConnections],
    ['sync_full', 0],
    ['sync_partial_ok', 0],
    ['sync_partial_err', 0],
    ['expired_keys', ks.expiredKeys],
    ['expired_stale_perc', '0.00'],
    ['expired_time_cap_reached_count', 0],
    ['expire_cycle_cpu_milliseconds', 0],
    ['evicted_keys', ks.evictedKeys],
    ['evicted_clients', 0],
    ['total_eviction_exceeded_time', 0],
    ['current_eviction_exceeded_time', 0],
    ['keyspace_hits', ks.keyspaceHits],
    ['keyspace_misses', ks.keyspaceMisses],
    ['pubsub_channels', e.pubsub.channels.size],
    ['pubsub_patterns', e.pubsub.patterns.size],
    ['latest_fork_usec', 0],
    ['total_forks', 0],
    ['migrate_cached_sockets', 0],
    ['slave_expires_tracked_keys', 0],
    ['active_defrag_hits', 0],
    ['active_defrag_misses', 0],
    ['active_defrag_key_hits', 0],
    ['active_defrag_key_misses', 0],
    ['total_active_defrag_time', 0],
    ['current_active_defrag_time', 0],
    ['tracking_total_keys', 0],
    ['tracking_total_items', 0],
    ['tracking_total_prefixes', 0],
    ['unexpected_error_replies', 0],
    ['total_error_replies', s.totalErrorReplies],
    ['dump_payload_sanitizations', 0],
    ['total_reads_processed', s.readsProcessed],
    ['total_writes_processed', s.writesProcessed],
    ['io_threaded_reads_processed', 0],
    ['io_threaded_writes_processed', 0],
    ['reply_buffer_shrinks', 0],
    ['reply_buffer_expands', 0],
  ];
}

function replicationSection(e: Engine): InfoFields {
  return [
    ['role', 'master'],
    ['connected_slaves', 0],
    ['master_failover_state', 'no-failover'],
    ['master_replid', e.runId],
    ['master_replid2', '0000000000000000000000000000000000000000'],
    ['master_repl_offset', 0],
    ['second_repl_offset', -1],
    ['repl_backlog_active', 0],
    ['repl_backlog_size', e.config.getNumber('repl-backlog-size')],
    ['repl_backlog_first_byte_offset', 0],
    ['repl_backlog_histlen', 0],
  ];
}

function cpuSection(): InfoFields {
  const u = process.cpuUsage();
  return [
    ['used_cpu_sys', (u.system / 1e6).toFixed(6)],
    ['used_cpu_user', (u.user / 1e6).toFixed(6)],
    ['used_cpu_sys_children', '0.000000'],
    ['used_cpu_user_children', '0.000000'],
    ['used_cpu_sys_main_thread', (u.system / 1e6).toFixed(6)],
    ['used_cpu_user_main_thread', (u.user / 1e6).toFixed(6)],
  ];
}

function errorstatsSection(e: Engine): InfoFields {
  return [...e.stats.errors].map(([code, n]) => [`errorstat_${code}`, `count=${n}`]);
}

function commandstatsSection(e: Engine): InfoFields {
  const out: InfoFields = [];
  for (const cmd of e.table.all()) {
    const s = cmd.stats;
    if (s.calls === 0 && s.failedCalls === 0 && s.rejectedCalls === 0) continue;
    const per = s.calls === 0 ? 0 : s.usec / s.calls;
    out.push([
      `cmdstat_${cmd.name}`,
      `calls=${s.calls},usec=${s.usec},usec_per_call=${per.toFixed(2)},rejected_calls=${s.rejectedCalls},failed_calls=${s.failedCalls}`,
    ]);
  }
  return out;
}

function keyspaceSection(e: Engine): InfoFields {
  const out: InfoFields = [];
  for (const db of e.keyspace.dbs) {
    const n = db.size();
    if (n === 0) continue;
    out.push([`db${db.id}`, `keys=${n},expires=${db.expiresSize()},avg_ttl=${Math.round(db.avgTtl)}`]);
  }
  return out;
}

function human(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(2)}K`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(2)}M`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)}G`;
}

const BUILTIN: Record<string, (e: Engine) => InfoFields> = {
  server: serverSection,
  clients: clientsSection,
  memory: memorySection,
  persistence: persistenceSection,
  stats: statsSection,
  replication: replicationSection,
  cpu: cpuSection,
  modules: () => [],
  errorstats: errorstatsSection,
  cluster: () => [['cluster_enabled', 0]],
  keyspace: keyspaceSection,
  commandstats: commandstatsSection,
  latencystats: () => [],
};

const TITLES: Record<string, string> = {
  server: 'Server', clients: 'Clients', memory: 'Memory', persistence: 'Persistence', stats: 'Stats',
  replication: 'Replication', cpu: 'CPU', modules: 'Modules', errorstats: 'Errorstats', cluster: 'Cluster',
  keyspace: 'Keyspace', commandstats: 'Commandstats', latencystats: 'Latencystats',
};

/** The INFO text for the requested section names (already lowercased). */
export function genInfo(e: Engine, requested: string[]): string {
  let sections: string[];
  if (requested.length === 0 || requested.includes('default')) sections = [...DEFAULT_SECTIONS, ...requested.filter((s) => s !== 'default')];
  else if (requested.includes('all') || requested.includes('everything')) sections = [...DEFAULT_SECTIONS, ...ALL_EXTRA];
  else sections = requested;
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const name of sections) {
    if (seen.has(name)) continue;
    seen.add(name);
    const gen = BUILTIN[name];
    if (!gen) continue;
    const fields = gen(e);
    const extra = e.infoProviders.get(name);
    if (extra) {
      const more = extra(e);
      for (const [k, v] of more) {
        const i = fields.findIndex(([fk]) => fk === k);
        if (i >= 0) fields[i] = [k, v];
        else fields.push([k, v]);
      }
    }
    let text = `# ${TITLES[name] ?? name}\r\n`;
    for (const [k, v] of fields) text += `${k}:${v}\r\n`;
    parts.push(text);
  }
  return parts.join('\r\n');
}

export const infoCommand: CommandHandler = (c, e) => {
  const req = c.argv.slice(1).map((s) => s.toLowerCase());
  c.reply.verbatim(genInfo(e, req));
};
