#!/usr/bin/env node
// CPU cost per request, by thread, of redwing-server at io-threads 1 vs 2, measured interleaved (1 2 2 1 ...):
// CPU time from /proc/<pid>/task/*/stat around each redis-benchmark run, so a busy machine changes the rps but
// much less the CPU milliseconds per 10k requests. Linux only. Usage, from the project root after a build:
//   node apps/server/bench/io-threads-cpu.mjs [requests=100000] [reps=2] [server=apps/server/dist/main.js] [basePort=20600]
// Columns: mainMsPer10k = the main thread (commands, and I/O at io-threads 1); otherMsPer10k = every other thread
// of the process (the IO thread at io-threads 2, plus V8/libuv helpers, ~1-35 ms at io-threads 1).
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
const HZ = 100; // clock ticks
const tests = [['set', 1], ['get', 1], ['set', 16], ['get', 16]];
const N = Number(process.argv[2] ?? 100000);
const reps = Number(process.argv[3] ?? 2);
const serverJs = process.argv[4] ?? 'apps/server/dist/main.js';
const basePort = Number(process.argv[5] ?? 20600);
function ticks(pid) {
  const out = {};
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    const st = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const name = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')'));
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    out[tid] = { name, t: Number(f[11]) + Number(f[12]) };
  }
  return out;
}
async function startSrv(threads, port) {
  const child = spawn('node', [serverJs, '--port', String(port), '--io-threads', String(threads), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    const r = spawnSync('redis-cli', ['-p', String(port), 'PING'], { encoding: 'utf8' });
    if (r.stdout?.includes('PONG')) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no start');
}
const rows = [];
for (let rep = 0; rep < reps; rep++) {
  for (const threads of rep % 2 ? [2, 1] : [1, 2]) {
    const port = basePort + threads + rep * 2;
    const child = await startSrv(threads, port);
    await new Promise((r) => setTimeout(r, 300));
    for (const [t, p] of tests) {
      const before = ticks(child.pid);
      const out = execFileSync('redis-benchmark', ['-p', String(port), '-t', t, '-n', String(N), '-c', '50', '-P', String(p), '-r', '100000', '--csv'], { encoding: 'utf8' });
      const after = ticks(child.pid);
      const rps = Number(out.trim().split('\n').pop().split(',')[1].replace(/"/g, ''));
      let main = 0;
      let other = 0;
      for (const [tid, a] of Object.entries(after)) {
        const d = (a.t - (before[tid]?.t ?? 0)) * (1000 / HZ);
        if (Number(tid) === child.pid) main += d;
        else other += d;
      }
      const row = { rep, threads, test: `${t} P${p}`, rps: Math.round(rps), mainMsPer10k: +((main / N) * 1e4).toFixed(1), otherMsPer10k: +((other / N) * 1e4).toFixed(1) };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
}

