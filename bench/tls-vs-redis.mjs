#!/usr/bin/env node
// TLS throughput side by side: redis-benchmark --tls against Redwing and against a real redis-server (Debian's
// 7.0 is built with TLS), both serving TLS only (`--port 0 --tls-port N`, mutual TLS as by default), measured in
// turn (A B A B ...), pinned like ../shared/tools/bench-vs-redis.mjs (server on CPU 0, client on CPU 1). Also
// measures each server over plain TCP in the same run, so the cost of TLS itself shows for both.
// Besides requests/s it reports the server's CPU time per request (utime+stime from /proc, µs/req), which is far
// less sensitive than throughput to other jobs on a shared machine (connection set-up, i.e. the TLS handshakes,
// measured by a separate 50-request run, is subtracted). P16 runs use 4x --requests. Throwaway certificates come from openssl.
//
// Usage (from the project root, after `npm run build`):
//   node bench/tls-vs-redis.mjs [--reps 3] [--requests 100000] [--tests set,get] [--pipelines 1,16] [--clients 50]
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const reps = Number(opt('reps', '3'));
const requests = Number(opt('requests', '100000'));
const tests = opt('tests', 'set,get').split(',');
const pipelines = opt('pipelines', '1,16').split(',').map(Number);
const clients = Number(opt('clients', '50'));
const redwingCmd = opt('redwing', 'node apps/server/dist/main.js');

const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
for (const c of ['redis-server', 'redis-benchmark', 'redis-cli', 'openssl']) {
  if (!have(c)) {
    console.error(`${c} not found`);
    process.exit(2);
  }
}
const pin = have('taskset') && os.cpus().length >= 2;

// ---- certificates ----
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tls-'));
const ossl = (...a) => execFileSync('openssl', a, { cwd: dir, stdio: 'pipe' });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
fs.writeFileSync(path.join(dir, 'ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
ossl('req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=bench CA');
for (const [name, serial] of [['server', 1], ['client', 2]]) {
  ossl('req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  ossl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(serial), '-days', '2',
    '-out', `${name}.crt`, '-extfile', 'ext');
}
const f = (n) => path.join(dir, n);
const serverTls = ['--tls-cert-file', f('server.crt'), '--tls-key-file', f('server.key'), '--tls-ca-cert-file', f('ca.crt')];
const clientTls = ['--tls', '--cert', f('client.crt'), '--key', f('client.key'), '--cacert', f('ca.crt')];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForPing(port, tls, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = spawnSync('redis-cli', [...(tls ? clientTls : []), '-p', String(port), 'PING'], { encoding: 'utf8' });
    if (ok.stdout && ok.stdout.includes('PONG')) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on port ${port} did not answer PING within ${ms} ms`);
}

async function startServer(kind, tls) {
  const port = await freePort();
  const listen = tls ? ['--port', '0', '--tls-port', String(port), ...serverTls] : ['--port', String(port)];
  let words;
  if (kind === 'redis') {
    words = ['redis-server', ...listen, '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--dir', dir];
  } else {
    words = [...redwingCmd.split(' ').filter(Boolean), ...listen, '--save', '', '--appendonly', 'no'];
  }
  if (pin) words = ['taskset', '-c', '0', ...words];
  const child = spawn(words[0], words.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  child.on('exit', (code) => {
    if (!child.stopping) console.error(`${kind} exited early (${code}): ${err.slice(-500)}`);
  });
  await waitForPing(port, tls);
  return {
    port,
    cpuMs: () => cpuMs(child.pid),
    stop: () =>
      new Promise((resolve) => {
        child.stopping = true;
        child.on('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

function bench(port, tls, test, pipeline, n = requests * (pipeline > 1 ? 4 : 1)) {
  const words = ['redis-benchmark', ...(tls ? clientTls : []), '-p', String(port), '-t', test, '-n', String(n),
    '-c', String(clients), '-P', String(pipeline), '-r', '100000', '--csv'];
  const cmd = pin ? ['taskset', '-c', '1', ...words] : words;
  const out = execFileSync(cmd[0], cmd.slice(1), { encoding: 'utf8', maxBuffer: 1 << 24 });
  const rows = out.trim().split('\n').filter((l) => l.startsWith('"') && !l.startsWith('"test"'));
  const want = test.toUpperCase();
  const row = rows.find((l) => l.slice(1).toUpperCase().startsWith(want)) ?? rows[rows.length - 1];
  return Number(row.split(',')[1].replace(/"/g, ''));
}

/** utime+stime of a process in ms (Linux /proc; clock ticks are 100 Hz here). */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`pinned=${pin} reps=${reps} requests=${requests} clients=${clients} node=${process.version}`);
try {
  for (const pipeline of pipelines) {
    for (const test of tests) {
      const r = { rwTls: [], rdTls: [], rwTcp: [], rdTcp: [] };
      const cpu = { rwTls: [], rdTls: [], rwTcp: [], rdTcp: [] };
      for (let i = 0; i < reps; i++) {
        const order = [['redwing', true], ['redis', true], ['redwing', false], ['redis', false]];
        if (i % 2 === 1) order.reverse();
        for (const [kind, tls] of order) {
          const srv = await startServer(kind, tls);
          try {
            const key = `${kind === 'redis' ? 'rd' : 'rw'}${tls ? 'Tls' : 'Tcp'}`;
            // the CPU of connecting (50 TLS handshakes) is measured by a 50-request run and taken off
            const c0 = srv.cpuMs();
            bench(srv.port, tls, test, 1, clients);
            const c1 = srv.cpuMs();
            r[key].push(bench(srv.port, tls, test, pipeline));
            const c2 = srv.cpuMs();
            cpu[key].push(((c2 - c1 - (c1 - c0)) * 1000) / (requests * (pipeline > 1 ? 4 : 1)));
          } finally {
            await srv.stop();
          }
        }
      }
      const m = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, median(v)]));
      console.log(
        `${test} P${pipeline}: TLS redwing ${m.rwTls.toFixed(0)} / redis ${m.rdTls.toFixed(0)} rps = ratio ${(m.rwTls / m.rdTls).toFixed(3)}; ` +
          `TCP redwing ${m.rwTcp.toFixed(0)} / redis ${m.rdTcp.toFixed(0)} = ${(m.rwTcp / m.rdTcp).toFixed(3)}; ` +
          `TLS/TCP redwing ${(m.rwTls / m.rwTcp).toFixed(3)}, redis ${(m.rdTls / m.rdTcp).toFixed(3)}`,
      );
      const c = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)]));
      console.log(
        `${test} P${pipeline} server CPU µs/req: TLS redwing ${c.rwTls.toFixed(1)} / redis ${c.rdTls.toFixed(1)} = ratio ${(c.rdTls / c.rwTls).toFixed(3)}; ` +
          `TCP redwing ${c.rwTcp.toFixed(1)} / redis ${c.rdTcp.toFixed(1)} = ${(c.rdTcp / c.rwTcp).toFixed(3)}`,
      );
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
