// EVALSHA throughput over the wire, Redwing vs a real redis-server, side by side: both servers are started
// here (Redwing from apps/server/dist, so build first), the same 3-redis.call script is SCRIPT LOADed on each,
// and `redis-benchmark EVALSHA <sha> 1 <key>` runs against them in turn (A B A B ...). Reports requests/s and
// the server's CPU time per request (from /proc/<pid>/stat, less sensitive to other load on the machine).
// Usage: node packages/script/bench/evalsha.mjs [--reps 3] [--requests 200000] [--clients 50] [--pipeline 1]
//        [--port-base 20210]   (Redwing on port-base, Redis on port-base + 1)
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const reps = Number(opt('reps', '3'));
const requests = Number(opt('requests', '200000'));
const clients = Number(opt('clients', '50'));
const pipeline = Number(opt('pipeline', '1'));
const portBase = Number(opt('port-base', '20210'));
const root = join(import.meta.dirname, '..', '..', '..');

export const SCRIPT = "local n = redis.call('INCR', KEYS[1]) local v = redis.call('GET', KEYS[1]) redis.call('SET', KEYS[1], v) return n";

const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
for (const c of ['redis-server', 'redis-benchmark', 'redis-cli']) {
  if (!have(c)) {
    console.warn(`${c} not found: skipping the EVALSHA benchmark`);
    process.exit(0);
  }
}
const pin = have('taskset') && os.cpus().length >= 2;
const pinned = (cpu, cmd, argv) => (pin ? ['taskset', ['-c', String(cpu), cmd, ...argv]] : [cmd, argv]);

const cli = (port, ...a) => spawnSync('redis-cli', ['-p', String(port), ...a], { encoding: 'utf8' }).stdout.trim();

async function waitPing(port) {
  const end = Date.now() + 30000;
  while (Date.now() < end) {
    if (cli(port, 'PING') === 'PONG') return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on ${port} did not answer PING`);
}

function cpuSeconds(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  const tick = 100; // USER_HZ on Linux
  return (Number(rest[11]) + Number(rest[12])) / tick; // utime + stime
}

function start(name, cmd, argv) {
  const [c, a] = pinned(0, cmd, argv);
  const proc = spawn(c, a, { stdio: 'ignore' });
  return { name, proc };
}

const servers = [
  start('redwing', process.execPath, [join(root, 'apps/server/dist/main.js'), '--port', String(portBase), '--save', '', '--appendonly', 'no']),
  start('redis', 'redis-server', ['--port', String(portBase + 1), '--save', '', '--appendonly', 'no', '--daemonize', 'no']),
];
servers[0].port = portBase;
servers[1].port = portBase + 1;
const stopAll = () => {
  for (const s of servers) s.proc.kill('SIGKILL');
};
process.on('exit', stopAll);

try {
  for (const s of servers) await waitPing(s.port);
  let sha = '';
  for (const s of servers) {
    s.sha = cli(s.port, 'SCRIPT', 'LOAD', SCRIPT);
    if (sha !== '' && s.sha !== sha) throw new Error(`SHA differs: ${s.sha} vs ${sha}`);
    sha = s.sha;
    s.runs = [];
  }
  // the script's work, checked once on each side
  for (const s of servers) {
    cli(s.port, 'DEL', 'bench:k');
    const r = [cli(s.port, 'EVALSHA', sha, '1', 'bench:k'), cli(s.port, 'EVALSHA', sha, '1', 'bench:k')];
    if (r.join(',') !== '1,2') throw new Error(`${s.name}: unexpected replies ${r.join(',')}`);
  }
  // warm-up (JIT) on both
  const tests = { evalsha: ['EVALSHA', sha, '1', 'bench:k'], set: ['SET', 'bench:s', 'v'] };
  const bench = (s, n, argv) => {
    const cpu0 = cpuSeconds(s.proc.pid);
    const [c, a] = pinned(1, 'redis-benchmark', ['-p', String(s.port), '-n', String(n), '-c', String(clients), '-P', String(pipeline), '--csv', ...argv]);
    const out = spawnSync(c, a, { encoding: 'utf8' }).stdout;
    const cpu = cpuSeconds(s.proc.pid) - cpu0;
    const line = out.trim().split('\n').pop() ?? '';
    return { rps: Number(JSON.parse(`[${line}]`)[1]), cpuUsPerReq: (cpu * 1e6) / n };
  };
  for (const s of servers) bench(s, Math.min(50000, requests), tests.evalsha);
  for (const s of servers) s.base = [];
  for (let i = 0; i < reps; i++) {
    for (const s of i % 2 === 0 ? servers : [...servers].reverse()) {
      s.runs.push(bench(s, requests, tests.evalsha));
      s.base.push(bench(s, requests, tests.set));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [rw, rd] = servers;
  console.log(`EVALSHA of a 3-redis.call script (INCR, GET, SET), ${requests} requests, ${clients} clients, pipeline ${pipeline}, ${reps} alternating runs${pin ? ', servers on CPU 0, redis-benchmark on CPU 1' : ''}`);
  console.log('| run | Redwing rps | Redis rps | ratio | Redwing CPU us/req | Redis CPU us/req |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (let i = 0; i < reps; i++) {
    const a = rw.runs[i];
    const b = rd.runs[i];
    console.log(`| ${i + 1} | ${Math.round(a.rps)} | ${Math.round(b.rps)} | ${(a.rps / b.rps).toFixed(2)} | ${a.cpuUsPerReq.toFixed(1)} | ${b.cpuUsPerReq.toFixed(1)} |`);
  }
  const mr = median(rw.runs.map((r) => r.rps));
  const md = median(rd.runs.map((r) => r.rps));
  const cr = median(rw.runs.map((r) => r.cpuUsPerReq));
  const cd = median(rd.runs.map((r) => r.cpuUsPerReq));
  console.log(`| median | ${Math.round(mr)} | ${Math.round(md)} | ${(mr / md).toFixed(2)} | ${cr.toFixed(1)} | ${cd.toFixed(1)} |`);
  const bs = (s, f) => median(s.base.map(f));
  console.log(`baseline, plain SET under the same conditions: Redwing ${Math.round(bs(rw, (r) => r.rps))} rps, ${bs(rw, (r) => r.cpuUsPerReq).toFixed(1)} us CPU/req; Redis ${Math.round(bs(rd, (r) => r.rps))} rps, ${bs(rd, (r) => r.cpuUsPerReq).toFixed(1)} us CPU/req; ratio ${(bs(rw, (r) => r.rps) / bs(rd, (r) => r.rps)).toFixed(2)}`);
  console.log(`ratio_rps=${(mr / md).toFixed(3)} ratio_cpu=${(cd / cr).toFixed(3)} (Redis CPU per request / Redwing's)`);
} finally {
  stopAll();
}
