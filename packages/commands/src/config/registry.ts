// The configuration registry: every directive by its Redis name (and aliases), its type, default, bounds and
// what applying it changes. CONFIG GET/SET, the config-file parser and INFO read from here. Texts of
// CONFIG SET errors follow Redis 7.0 ("argument must be a memory value", ...).
import type { StoreConfig } from '@redwing/store';
import type { Engine } from '../engine.js';
import { globMatch } from '../util/glob.js';
import { parseIntNum } from '../util/number.js';

export type ConfigType = 'bool' | 'int' | 'memory' | 'enum' | 'string' | 'special';

export interface ConfigEntry {
  name: string;
  aliases?: string[];
  type: ConfigType;
  default: string;
  min?: number;
  max?: number;
  values?: string[]; // enum values
  multi?: boolean; // enum: space separated set of values (e.g. "maxmemory-policy" is single)
  immutable?: boolean;
  /** Answered only to an exact CONFIG GET name, never to a pattern (Redis's HIDDEN_CONFIG). */
  hidden?: boolean;
  /** Store field this entry mirrors. */
  store?: keyof StoreConfig;
  /** Custom validation/normalisation: return [normalisedValue] or an error message. */
  validate?: (v: string, prev?: string) => string | { error: string };
  /** Side effect after a successful set. */
  apply?: (v: string, engine: Engine) => void;
  /** Clamp numeric values instead of rejecting (hz). */
  clamp?: boolean;
  /**
   * Redis's apply function: run once per CONFIG SET, after every value of that call is stored, once per distinct
   * function among the entries set (e.g. one TLS reload for cert + key + CA). An error text fails the whole
   * CONFIG SET, and every value it set is restored. Not run at start-up (the owner applies its config itself).
   */
  commit?: (engine: Engine) => string | undefined;
}

const MEMORY_UNITS: Record<string, number> = {
  '': 1, b: 1, k: 1000, kb: 1024, m: 1000 * 1000, mb: 1024 * 1024, g: 1000 * 1000 * 1000, gb: 1024 * 1024 * 1024,
};

/** Redis's memtoull: "100", "1k", "1kb", "2gb" (case-insensitive). Negative numbers allowed only when min < 0. */
export function parseMemory(v: string): number | null {
  const m = /^(-?\d+)([a-z]*)$/i.exec(v);
  if (!m) return null;
  const unit = MEMORY_UNITS[(m[2] ?? '').toLowerCase()];
  if (unit === undefined) return null;
  return Number(m[1]) * unit;
}

function boolEntry(name: string, def: 'yes' | 'no', extra: Partial<ConfigEntry> = {}): ConfigEntry {
  return { name, type: 'bool', default: def, ...extra };
}
function intEntry(name: string, def: number, min: number, max: number, extra: Partial<ConfigEntry> = {}): ConfigEntry {
  return { name, type: 'int', default: String(def), min, max, ...extra };
}
function memEntry(name: string, def: number, min: number, max: number, extra: Partial<ConfigEntry> = {}): ConfigEntry {
  return { name, type: 'memory', default: String(def), min, max, ...extra };
}
function strEntry(name: string, def: string, extra: Partial<ConfigEntry> = {}): ConfigEntry {
  return { name, type: 'string', default: def, ...extra };
}
function enumEntry(name: string, def: string, values: string[], extra: Partial<ConfigEntry> = {}): ConfigEntry {
  return { name, type: 'enum', default: def, values, ...extra };
}

/** LLONG_MAX as a double (2^63); printed as 9223372036854775807 in error texts. */
const LLONG_MAX = 2 ** 63;
const INT_MAX = 2147483647;

/** Directives known to the engine. The server registers its own (port, bind, ...) on top. */
export function coreEntries(): ConfigEntry[] {
  return [
    intEntry('databases', 16, 1, INT_MAX, { immutable: true, store: 'databases' }),
    memEntry('maxmemory', 0, 0, LLONG_MAX, { store: 'maxmemory' }),
    enumEntry('maxmemory-policy', 'noeviction', ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'], { store: 'maxmemoryPolicy' }),
    intEntry('maxmemory-samples', 5, 1, 64, { store: 'maxmemorySamples' }),
    intEntry('maxmemory-eviction-tenacity', 10, 0, 100),
    intEntry('lfu-log-factor', 10, 0, INT_MAX, { store: 'lfuLogFactor' }),
    intEntry('lfu-decay-time', 1, 0, INT_MAX, { store: 'lfuDecayTime' }),
    intEntry('list-max-listpack-size', -2, -5, INT_MAX, { aliases: ['list-max-ziplist-size'], store: 'listMaxListpackSize' }),
    intEntry('list-compress-depth', 0, 0, INT_MAX, { store: 'listCompressDepth' }),
    intEntry('hash-max-listpack-entries', 128, 0, LLONG_MAX, { aliases: ['hash-max-ziplist-entries'], store: 'hashMaxListpackEntries' }),
    intEntry('hash-max-listpack-value', 64, 0, LLONG_MAX, { aliases: ['hash-max-ziplist-value'], store: 'hashMaxListpackValue' }),
    intEntry('set-max-intset-entries', 512, 0, LLONG_MAX, { store: 'setMaxIntsetEntries' }),
    intEntry('set-max-listpack-entries', 128, 0, LLONG_MAX, { store: 'setMaxListpackEntries' }),
    intEntry('set-max-listpack-value', 64, 0, LLONG_MAX, { store: 'setMaxListpackValue' }),
    intEntry('zset-max-listpack-entries', 128, 0, LLONG_MAX, { aliases: ['zset-max-ziplist-entries'], store: 'zsetMaxListpackEntries' }),
    intEntry('zset-max-listpack-value', 64, 0, LLONG_MAX, { aliases: ['zset-max-ziplist-value'], store: 'zsetMaxListpackValue' }),
    intEntry('stream-node-max-bytes', 4096, 0, LLONG_MAX),
    intEntry('stream-node-max-entries', 100, 0, LLONG_MAX),
    boolEntry('activerehashing', 'yes'),
    intEntry('hz', 10, 0, INT_MAX, { clamp: true, store: 'hz' }),
    boolEntry('dynamic-hz', 'yes'),
    intEntry('active-expire-effort', 1, 1, 10),
    boolEntry('lazyfree-lazy-eviction', 'no'),
    boolEntry('lazyfree-lazy-expire', 'no'),
    boolEntry('lazyfree-lazy-server-del', 'no'),
    boolEntry('lazyfree-lazy-user-del', 'no'),
    boolEntry('lazyfree-lazy-user-flush', 'no'),
    boolEntry('replica-lazy-flush', 'no'),
    strEntry('requirepass', ''),
    intEntry('slowlog-log-slower-than', 10000, -1, LLONG_MAX),
    intEntry('slowlog-max-len', 128, 0, LLONG_MAX),
    intEntry('latency-monitor-threshold', 0, 0, LLONG_MAX),
    strEntry('latency-tracking-info-percentiles', '50 99 99.9'),
    boolEntry('latency-tracking', 'yes'),
    {
      name: 'notify-keyspace-events',
      type: 'special',
      default: '',
      validate: normaliseNotifyFlags,
      apply: (v, e) => {
        e.pubsub.notifyFlags = v;
      },
    },
    { name: 'maxmemory-clients', type: 'special', default: '0', validate: normaliseMemoryOrPercent },
    memEntry('proto-max-bulk-len', 512 * 1024 * 1024, 1024 * 1024, LLONG_MAX),
    memEntry('client-query-buffer-limit', 1024 * 1024 * 1024, 1024 * 1024, LLONG_MAX),
    intEntry('busy-reply-threshold', 5000, 0, LLONG_MAX, { aliases: ['lua-time-limit'] }),
    intEntry('tracking-table-max-keys', 1000000, 0, LLONG_MAX),
    boolEntry('lua-replicate-commands', 'yes'),
    intEntry('active-defrag-cycle-min', 1, 1, 99),
    intEntry('active-defrag-cycle-max', 25, 1, 99),
    boolEntry('activedefrag', 'no'),
    memEntry('active-defrag-ignore-bytes', 100 * 1024 * 1024, 1, LLONG_MAX),
    intEntry('active-defrag-threshold-lower', 10, 0, 1000),
    intEntry('active-defrag-threshold-upper', 100, 0, 1000),
    intEntry('active-defrag-max-scan-fields', 1000, 1, LLONG_MAX),
    memEntry('hll-sparse-max-bytes', 3000, 0, LLONG_MAX),
    boolEntry('rdbcompression', 'yes'),
    boolEntry('rdbchecksum', 'yes'),
    intEntry('rdb-key-save-delay', 0, -INT_MAX - 1, INT_MAX, { hidden: true }),
    intEntry('key-load-delay', 0, -INT_MAX - 1, INT_MAX, { hidden: true }),
    boolEntry('stop-writes-on-bgsave-error', 'yes'),
    enumEntry('appendfsync', 'everysec', ['always', 'everysec', 'no']),
    boolEntry('appendonly', 'no'),
    strEntry('appendfilename', 'appendonly.aof', { immutable: true }),
    strEntry('appenddirname', 'appendonlydir', { immutable: true }),
    strEntry('dbfilename', 'dump.rdb'),
    { name: 'save', type: 'special', default: '3600 1 300 100 60 10000', validate: normaliseSave },
    boolEntry('no-appendfsync-on-rewrite', 'no'),
    intEntry('auto-aof-rewrite-percentage', 100, 0, INT_MAX),
    memEntry('auto-aof-rewrite-min-size', 64 * 1024 * 1024, 0, LLONG_MAX),
    boolEntry('aof-use-rdb-preamble', 'yes'),
    boolEntry('aof-timestamp-enabled', 'no'),
    boolEntry('aof-load-truncated', 'yes'),
    boolEntry('aof-rewrite-incremental-fsync', 'yes'),
    boolEntry('rdb-save-incremental-fsync', 'yes'),
    boolEntry('rdb-del-sync-files', 'no'),
    enumEntry('sanitize-dump-payload', 'no', ['no', 'yes', 'clients']),
    boolEntry('replica-read-only', 'yes', { aliases: ['slave-read-only'] }),
    boolEntry('replica-serve-stale-data', 'yes', { aliases: ['slave-serve-stale-data'] }),
    intEntry('repl-backlog-size', 1024 * 1024, 1, LLONG_MAX),
    intEntry('repl-timeout', 60, 1, INT_MAX),
    intEntry('repl-ping-replica-period', 10, 1, INT_MAX, { aliases: ['repl-ping-slave-period'] }),
    boolEntry('repl-diskless-sync', 'yes'),
    intEntry('repl-diskless-sync-delay', 5, 0, INT_MAX),
    intEntry('repl-diskless-sync-max-replicas', 0, 0, INT_MAX),
    enumEntry('repl-diskless-load', 'disabled', ['disabled', 'on-empty-db', 'swapdb']),
    intEntry('min-replicas-to-write', 0, 0, INT_MAX, { aliases: ['min-slaves-to-write'] }),
    intEntry('min-replicas-max-lag', 10, 0, INT_MAX, { aliases: ['min-slaves-max-lag'] }),
    intEntry('replica-priority', 100, 0, INT_MAX, { aliases: ['slave-priority'] }),
    strEntry('masterauth', ''),
    strEntry('masteruser', ''),
    boolEntry('cluster-enabled', 'no', { immutable: true }),
    boolEntry('io-threads-do-reads', 'no', { immutable: true }),
    intEntry('io-threads', 1, 1, 128, { immutable: true }),
    strEntry('acllog-max-len', '128'),
    strEntry('aclfile', '', { immutable: true }),
    boolEntry('crash-log-enabled', 'yes'),
    boolEntry('crash-memcheck-enabled', 'yes'),
    boolEntry('set-proc-title', 'yes'),
    strEntry('proc-title-template', '{title} {listen-addr} {server-mode}'),
    boolEntry('jemalloc-bg-thread', 'yes'),
    enumEntry('enable-protected-configs', 'no', ['no', 'yes', 'local'], { immutable: true }),
    enumEntry('enable-debug-command', 'no', ['no', 'yes', 'local'], { immutable: true }),
    enumEntry('enable-module-command', 'no', ['no', 'yes', 'local'], { immutable: true }),
    boolEntry('disable-thp', 'yes'),
    enumEntry('oom-score-adj', 'no', ['no', 'yes', 'relative', 'absolute']),
    strEntry('oom-score-adj-values', '0 200 800'),
    strEntry('ignore-warnings', ''),
    intEntry('shutdown-timeout', 10, 0, INT_MAX),
    strEntry('shutdown-on-sigint', 'default'),
    strEntry('shutdown-on-sigterm', 'default'),
    {
      name: 'client-output-buffer-limit',
      type: 'special',
      default: 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60',
      validate: normaliseClientOutputBufferLimit,
    },
  ];
}

/** notify-keyspace-events: validate the class letters and print them as Redis does (A collapses g$lshzxet). */
function normaliseNotifyFlags(v: string): string | { error: string } {
  let set = '';
  for (const ch of v) {
    if (!'KEg$lshzxetmdnA'.includes(ch)) return { error: 'Invalid event class character. Use \'Ag$lshzxeKEtmd\'.' };
    if (!set.includes(ch)) set += ch;
  }
  const classes = set.includes('A') ? 'g$lshzxet'.split('').concat() : [];
  const all = new Set([...set.replace('A', '')].concat(classes));
  let out = '';
  const hasAll = [...'g$lshzxet'].every((c) => all.has(c));
  if (hasAll) out += 'A';
  else for (const c of 'g$lshzxet') if (all.has(c)) out += c;
  for (const c of 'mdn') if (all.has(c)) out += c;
  if (all.has('K')) out += 'K';
  if (all.has('E')) out += 'E';
  // Redis prints classes first then K/E; with no K and no E nothing is delivered but the classes are kept.
  return out;
}

/** maxmemory-clients: a memory value, or a percentage of maxmemory written `N%` (0..100). */
function normaliseMemoryOrPercent(v: string): string | { error: string } {
  const n = parseMemory(v);
  if (n !== null && n >= 0) return String(n);
  if (v.length > 1 && v.endsWith('%')) {
    const p = parseIntNum(v.slice(0, -1));
    if (p !== null && p >= 0) {
      if (p > 100) return { error: 'percentage argument must be less or equal to 100' };
      return `${p}%`;
    }
  }
  return { error: 'argument must be a memory or percent value' };
}

function normaliseSave(v: string): string | { error: string } {
  const parts = v.trim() === '' ? [] : v.trim().split(/\s+/);
  if (parts.length % 2 !== 0) return { error: 'Invalid save parameters' };
  for (const p of parts) if (parseIntNum(p) === null || Number(p) < 0) return { error: 'Invalid save parameters' };
  return parts.join(' ');
}

/** client-output-buffer-limit: classes not named keep their current limits (`prev`, the stored form). */
function normaliseClientOutputBufferLimit(v: string, prev?: string): string | { error: string } {
  const parts = v.trim().split(/\s+/);
  if (parts.length % 4 !== 0) return { error: 'Wrong number of arguments in buffer limit configuration.' };
  const cur = (prev !== undefined ? JSON.parse(prev) : {}) as Record<string, string[]>;
  for (let i = 0; i < parts.length; i += 4) {
    let cls = (parts[i] ?? '').toLowerCase();
    if (cls === 'replica') cls = 'slave';
    if (!['normal', 'slave', 'pubsub'].includes(cls)) return { error: 'Invalid client class specified in buffer limit configuration.' };
    const hard = parseMemory(parts[i + 1] ?? '');
    const soft = parseMemory(parts[i + 2] ?? '');
    const secs = parseIntNum(parts[i + 3] ?? '');
    if (hard === null || soft === null || secs === null || hard < 0 || soft < 0 || secs < 0)
      return { error: 'Error in hard, soft or soft_seconds setting in buffer limit configuration.' };
    cur[cls] = [String(hard), String(soft), String(secs)];
  }
  return JSON.stringify(cur);
}

export class ConfigRegistry {
  private readonly entries = new Map<string, ConfigEntry>();
  private readonly values = new Map<string, string>();
  private readonly listeners = new Map<string, ((v: string) => void)[]>();
  /** Parsed caches, cleared on every set (hot paths read numbers and buffer limits per command). */
  private readonly numberCache = new Map<string, number>();
  private limitCache: Record<string, [number, number, number]> | null = null;
  /** Absolute path of the config file the server was started with ('' = none): CONFIG REWRITE writes it. */
  configFile = '';

  constructor(private readonly engine: Engine) {
    for (const e of coreEntries()) this.register(e);
  }

  register(e: ConfigEntry): void {
    this.entries.set(e.name, e);
    for (const a of e.aliases ?? []) this.entries.set(a, e);
    if (!this.values.has(e.name)) {
      const v = e.type === 'special' && e.validate ? e.validate(e.default) : e.default;
      this.values.set(e.name, typeof v === 'string' ? v : e.default);
      this.numberCache.clear();
      this.limitCache = null;
      if (e.apply && typeof v === 'string') e.apply(v, this.engine);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  entry(name: string): ConfigEntry | undefined {
    return this.entries.get(name.toLowerCase());
  }

  /** Called after every successful change of `name` (the canonical name). */
  onChange(name: string, fn: (v: string) => void): void {
    const list = this.listeners.get(name) ?? [];
    list.push(fn);
    this.listeners.set(name, list);
  }

  getString(name: string): string {
    const e = this.entries.get(name);
    return e ? (this.values.get(e.name) ?? e.default) : '';
  }

  getNumber(name: string): number {
    let n = this.numberCache.get(name);
    if (n === undefined) {
      n = Number(this.getString(name));
      this.numberCache.set(name, n);
    }
    return n;
  }

  getBool(name: string): boolean {
    return this.getString(name) === 'yes';
  }

  /** Value as CONFIG GET prints it. */
  display(e: ConfigEntry): string {
    const raw = this.values.get(e.name) ?? e.default;
    if (e.name === 'client-output-buffer-limit') {
      const cur = JSON.parse(raw) as Record<string, string[]>;
      return ['normal', 'slave', 'pubsub'].map((k) => `${k} ${(cur[k] ?? ['0', '0', '0']).join(' ')}`).join(' ');
    }
    return raw;
  }

  /** The stored (normalised) value of an entry, in the registry's internal form. */
  raw(e: ConfigEntry): string {
    return this.values.get(e.name) ?? e.default;
  }

  /** The entry's default in the same internal form as raw() (special entries normalise their default). */
  defaultRaw(e: ConfigEntry): string {
    if (e.type !== 'special' || !e.validate) return e.default;
    const v = e.validate(e.default);
    return typeof v === 'string' ? v : e.default;
  }

  /** Output buffer limits for a class: [hard, soft, softSeconds]. */
  outputBufferLimit(cls: 'normal' | 'slave' | 'pubsub'): [number, number, number] {
    if (!this.limitCache) {
      const cur = JSON.parse(this.values.get('client-output-buffer-limit') ?? '{}') as Record<string, string[]>;
      const parsed: Record<string, [number, number, number]> = {};
      for (const k of ['normal', 'slave', 'pubsub']) {
        const v = cur[k] ?? ['0', '0', '0'];
        parsed[k] = [Number(v[0]), Number(v[1]), Number(v[2])];
      }
      this.limitCache = parsed;
    }
    return this.limitCache[cls] ?? [0, 0, 0];
  }

  /** CONFIG GET patterns: pairs of [name as matched, value]. */
  getMatching(pattern: string): [string, string][] {
    const out: [string, string][] = [];
    const seen = new Set<string>();
    const lower = pattern.toLowerCase();
    const isGlob = /[*?[]/.test(lower);
    if (!isGlob) {
      const e = this.entries.get(lower);
      if (e) out.push([lower, this.display(e)]);
      return out;
    }
    // aliases match patterns too (Redis lists both `replicaof` and `slaveof` for `*of`); hidden ones never do
    for (const [name, e] of this.entries) {
      if (e.hidden) continue;
      if (seen.has(name) || !globMatch(lower, name, true)) continue;
      seen.add(name);
      out.push([name, this.display(e)]);
    }
    return out;
  }

  /** Validate without applying. Returns the normalised value or an error message (without the ERR prefix part). */
  check(name: string, value: string, startup = false): { value: string } | { error: string } {
    const e = this.entries.get(name.toLowerCase());
    if (!e) return { error: 'unknown' };
    if (e.immutable && !startup) return { error: "can't set immutable config" };
    switch (e.type) {
      case 'bool': {
        const v = value.toLowerCase();
        if (v !== 'yes' && v !== 'no') return { error: "argument must be 'yes' or 'no'" };
        return { value: v };
      }
      case 'int': {
        const n = parseIntNum(value);
        if (n === null) return { error: 'argument couldn\'t be parsed into an integer' };
        let v = n;
        if (e.clamp) v = Math.max(1, Math.min(500, v));
        if (v < (e.min ?? -Infinity) || v > (e.max ?? Infinity))
          return { error: `argument must be between ${e.min} and ${e.max === LLONG_MAX ? '9223372036854775807' : e.max} inclusive` };
        return { value: String(v) };
      }
      case 'memory': {
        const n = parseMemory(value);
        if (n === null) return { error: 'argument must be a memory value' };
        if (n < (e.min ?? 0) || n > (e.max ?? Infinity))
          return { error: `argument must be between ${e.min} and ${e.max === LLONG_MAX ? '9223372036854775807' : e.max} inclusive` };
        return { value: String(n) };
      }
      case 'enum': {
        const v = value.toLowerCase();
        if (!(e.values ?? []).includes(v))
          return { error: `argument(s) must be one of the following: ${(e.values ?? []).join(', ')}` };
        return { value: v };
      }
      case 'string':
        return { value };
      case 'special': {
        const r = e.validate ? e.validate(value, this.values.get(e.name)) : value;
        return typeof r === 'string' ? { value: r } : r;
      }
    }
  }

  /** Set one directive. Returns an error message (Redis's reason text) or undefined. */
  set(name: string, value: string, startup = false): string | undefined {
    const e = this.entries.get(name.toLowerCase());
    if (!e) return 'unknown';
    const r = this.check(name, value, startup);
    if ('error' in r) return r.error;
    this.values.set(e.name, r.value);
    this.numberCache.clear();
    this.limitCache = null;
    if (e.store) {
      const cfg = this.engine.keyspace.config as unknown as Record<string, unknown>;
      cfg[e.store] = e.type === 'bool' ? r.value === 'yes' : e.type === 'int' || e.type === 'memory' ? Number(r.value) : r.value;
    }
    e.apply?.(r.value, this.engine);
    for (const fn of this.listeners.get(e.name) ?? []) fn(r.value);
    return undefined;
  }

  /** All canonical entries (CONFIG REWRITE, INFO). */
  *all(): IterableIterator<ConfigEntry> {
    for (const [name, e] of this.entries) if (name === e.name) yield e;
  }
}
