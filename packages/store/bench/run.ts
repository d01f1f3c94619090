// @redwing/store benchmarks: string SET/GET paths through Db (ops/s), scan, randomKey, active expiry, and memory per
// key for 1M keys with 16-byte values (V8 heap delta and the store's own estimate) side by side with a real
// redis-server's used_memory for the same data set (DEBUG POPULATE 1000000 key 16). Prints a markdown report;
// with --write it replaces the "## @redwing/store" section of bench/RESULTS.md at the repository root.
// Run with `npm run bench -w @redwing/store` (node --expose-gc is passed by the script). The first two rows are
// plain-Map baselines so that figures from a loaded or slow machine can be read as ratios.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createStringObject, Keyspace, type Db } from '@redwing/store';

const N = 1_000_000;
const lines: string[] = [];
const out = (s: string): void => {
  lines.push(s);
  console.log(s);
};

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (gc) for (let i = 0; i < 3; i++) gc();
}

function fmt(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} k` : n.toFixed(0);
}

/** Keys and values exactly as redis DEBUG POPULATE makes them: key:N, and value:N zero-padded to 16 bytes. */
function dataset(n: number): { keys: string[]; vals: string[] } {
  const keys = new Array<string>(n);
  const vals = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    keys[i] = Buffer.from(`key:${i}`, 'latin1').toString('latin1');
    vals[i] = Buffer.from(`value:${i}`.padEnd(16, '\0').slice(0, 16), 'latin1').toString('latin1');
  }
  return { keys, vals };
}

function time(label: string, ops: number, fn: () => void, rows: string[][]): void {
  fn(); // warm-up run on a scratch copy is the caller's business; here we time the real run
  const t0 = process.hrtime.bigint();
  fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  rows.push([label, fmt((ops / ms) * 1000), `${((ms * 1e6) / ops).toFixed(0)} ns`]);
}

function opsBench(): void {
  const n = 200_000;
  const { keys, vals } = dataset(n);
  const miss = keys.map((k) => k + ':miss');
  const rows: string[][] = [];
  // Baselines on the same machine and keys, to normalise for machine speed and load.
  time('baseline: plain Map.set of new keys', n, () => {
    const m = new Map<string, object>();
    for (let i = 0; i < n; i++) m.set(keys[i]!, { v: vals[i] });
  }, rows);
  const bm = new Map<string, string>();
  for (let i = 0; i < n; i++) bm.set(keys[i]!, vals[i]!);
  let bsink = 0;
  time('baseline: plain Map.get hit', n, () => {
    for (let i = 0; i < n; i++) bsink += bm.get(keys[i]!)!.length;
  }, rows);
  if (bsink === -1) console.log(bsink);
  let ks = new Keyspace();
  let db: Db = ks.db(0);
  const fresh = (): void => {
    ks = new Keyspace();
    db = ks.db(0);
  };
  time('SET new key (createStringObject + Db.set)', n, () => {
    fresh();
    for (let i = 0; i < n; i++) db.set(keys[i]!, createStringObject(vals[i]!));
  }, rows);
  time('SET existing key (overwrite)', n, () => {
    for (let i = 0; i < n; i++) db.set(keys[i]!, createStringObject(vals[i]!));
  }, rows);
  let sink = 0;
  time('GET hit (Db.lookupRead)', n, () => {
    for (let i = 0; i < n; i++) sink += (db.lookupRead(keys[i]!)!.ptr as string).length;
  }, rows);
  ks.freezeTime();
  time('GET hit, time frozen per batch (as per command)', n, () => {
    for (let i = 0; i < n; i++) sink += (db.lookupRead(keys[i]!)!.ptr as string).length;
  }, rows);
  ks.unfreezeTime();
  time('GET miss', n, () => {
    for (let i = 0; i < n; i++) if (db.lookupRead(miss[i]!) === undefined) sink++;
  }, rows);
  time('EXISTS', n, () => {
    for (let i = 0; i < n; i++) if (db.exists(keys[i]!)) sink++;
  }, rows);
  time('SET + EXPIRE (setExpire)', n, () => {
    const now = Date.now();
    for (let i = 0; i < n; i++) {
      db.set(keys[i]!, createStringObject(vals[i]!));
      db.setExpire(keys[i]!, now + 60_000);
    }
  }, rows);
  time('GET hit on keys with TTL', n, () => {
    for (let i = 0; i < n; i++) sink += (db.lookupRead(keys[i]!)!.ptr as string).length;
  }, rows);
  time('DEL + SET (churn)', n, () => {
    for (let i = 0; i < n; i++) {
      db.delete(keys[i]!);
      db.set(keys[i]!, createStringObject(vals[i]!));
    }
  }, rows);
  time('SCAN (count 10) per key visited', n, () => {
    let c = 0n;
    do c = db.scan(c, 10, () => sink++);
    while (c !== 0n);
  }, rows);
  time('snapshot: take + iterate, per key', n, () => {
    const snap = db.snapshot();
    snap.forEach(() => sink++);
    snap.release();
  }, rows);
  time('snapshot: iterate while overwriting keys not yet read (COW), per key', n, () => {
    const snap = db.snapshot();
    let j = 0;
    snap.forEach(() => {
      const k = keys[(j++ + 1000) % n]!;
      db.set(k, createStringObject(vals[j % n]!));
    });
    snap.release();
  }, rows);
  time('RANDOMKEY', n, () => {
    for (let i = 0; i < n; i++) if (db.randomKey() !== undefined) sink++;
  }, rows);
  {
    let now = 1_000_000;
    const eks = new Keyspace({ clock: () => now });
    const edb = eks.db(0);
    for (let i = 0; i < n; i++) {
      edb.set(keys[i]!, createStringObject(vals[i]!));
      edb.setExpire(keys[i]!, now + 1 + (i % 2) * 1_000_000);
    }
    now += 2;
    const t0 = process.hrtime.bigint();
    let expired = 0;
    while (expired < n / 2) expired += eks.activeExpireCycle(25);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    rows.push(['active expire (half of keys expired), per key expired', fmt((expired / ms) * 1000), `${((ms * 1e6) / expired).toFixed(0)} ns`]);
  }
  if (sink === -1) console.log(sink);
  out(`| operation (${fmt(n)} keys, 16-byte values) | ops/s | per op |`);
  out('|---|---:|---:|');
  for (const r of rows) out(`| ${r.join(' | ')} |`);
}

function memoryBench(): { perKeyHeap: number; perKeyEstimate: number } {
  collect();
  const before = process.memoryUsage().heapUsed;
  const ks = new Keyspace();
  const db = ks.db(0);
  for (let i = 0; i < N; i++) {
    const k = Buffer.from(`key:${i}`, 'latin1').toString('latin1');
    const v = Buffer.from(`value:${i}`.padEnd(16, '\0').slice(0, 16), 'latin1').toString('latin1');
    db.set(k, createStringObject(v));
  }
  collect();
  const after = process.memoryUsage().heapUsed;
  const perKeyHeap = (after - before) / N;
  const perKeyEstimate = ks.usedMemory() / N;
  if (db.size() !== N) throw new Error('size mismatch');
  return { perKeyHeap, perKeyEstimate };
}

async function redisMemory(): Promise<number | undefined> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no', '--enable-debug-command', 'yes'],
    { stdio: 'ignore' },
  );
  try {
    const cli = (...args: string[]): string => {
      const r = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
      return r.stdout;
    };
    for (let i = 0; i < 50 && !cli('PING').includes('PONG'); i++) await new Promise((r) => setTimeout(r, 100));
    const used = (): number => Number(/used_memory:(\d+)/.exec(cli('INFO', 'memory'))?.[1]);
    const before = used();
    cli('DEBUG', 'POPULATE', String(N), 'key', '16');
    const after = used();
    const version = /redis_version:(\S+)/.exec(cli('INFO', 'server'))?.[1];
    redisVersion = version ?? '?';
    return (after - before) / N;
  } finally {
    child.kill('SIGKILL');
  }
}
let redisVersion = '';

out('## @redwing/store');
out('');
out(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'cpu?'}; single run in one process, after a warm-up pass. ` +
    'Run with `npm run bench -w @redwing/store` (`npm run bench:record -w @redwing/store` rewrites this section).',
);
out('');
opsBench();
out('');
const mem = memoryBench();
const redis = await redisMemory();
out(`Memory, ${fmt(N)} keys \`key:N\` with 16-byte values (the data set of \`DEBUG POPULATE ${N} key 16\`):`);
out('');
out('| measure | bytes per key |');
out('|---|---:|');
out(`| Redwing, V8 heap growth (process.memoryUsage().heapUsed after GC) | ${mem.perKeyHeap.toFixed(1)} |`);
out(`| Redwing, store estimate (Keyspace.usedMemory(), feeds used_memory) | ${mem.perKeyEstimate.toFixed(1)} |`);
if (redis !== undefined) {
  out(`| redis-server ${redisVersion}, used_memory growth | ${redis.toFixed(1)} |`);
  out(`| ratio Redwing heap / Redis | ${(mem.perKeyHeap / redis).toFixed(2)}x (target: within 3x) |`);
} else {
  out('| redis-server | not installed: comparison skipped |');
}
if (!gc) out('\n(no --expose-gc: heap figures include garbage)');

if (process.argv.includes('--write')) {
  const path = new URL('../../../bench/RESULTS.md', import.meta.url);
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n\nEach package owns one section below.\n';
  const section = lines.join('\n').trimEnd() + '\n';
  const start = text.indexOf('\n## @redwing/store');
  if (start < 0) {
    text = text.trimEnd() + '\n\n' + section;
  } else {
    const next = text.indexOf('\n## ', start + 1);
    text = text.slice(0, start + 1) + section + (next < 0 ? '' : '\n' + text.slice(next + 1));
  }
  writeFileSync(path, text);
  console.log(`wrote ${path.pathname}`);
}
