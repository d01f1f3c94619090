// MIGRATE's blocking round trip to the target instance. Redis performs it with blocking socket I/O inside the
// command; Node has no synchronous sockets, so a short-lived child process (spawnSync) connects, writes the
// pipelined request and returns the first `replies` reply lines, all within the timeout. Like Redis, the server
// does nothing else meanwhile. (A target served by this very process cannot answer while it waits: it times out.)
import { spawnSync } from 'node:child_process';

const CHILD = `
const net = require('node:net');
const [host, port, timeout, want] = process.argv.slice(1);
const chunks = [];
process.stdin.on('data', (d) => chunks.push(d));
process.stdin.on('end', () => {
  let phase = 'writing';
  let finished = false;
  const lines = [];
  let buf = Buffer.alloc(0);
  const done = (err) => {
    if (finished) return;
    finished = true;
    process.stdout.write(JSON.stringify({ err, lines }), () => process.exit(0));
  };
  setTimeout(() => done(phase), Number(timeout));
  const s = net.connect({ host, port: Number(port) });
  s.on('connect', () => s.write(Buffer.concat(chunks), () => { phase = 'reading'; }));
  s.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    let i;
    while ((i = buf.indexOf('\\r\\n')) >= 0) {
      lines.push(buf.toString('latin1', 0, i));
      buf = buf.subarray(i + 2);
      if (lines.length >= Number(want)) return done(null);
    }
  });
  s.on('error', () => done(phase));
  s.on('close', () => done(phase));
});
`;

export interface MigrateResult {
  /** 'writing' / 'reading': the I/O step that failed or timed out; null when all replies arrived. */
  err: 'writing' | 'reading' | null;
  /** Reply lines as received (`+OK`, `-ERR ...`). */
  lines: string[];
}

/** RESP encoding of commands (latin1 byte strings). */
export function encodeCommands(cmds: readonly (readonly string[])[]): Buffer {
  const parts: Buffer[] = [];
  for (const cmd of cmds) {
    parts.push(Buffer.from(`*${cmd.length}\r\n`, 'latin1'));
    for (const a of cmd) parts.push(Buffer.from(`$${a.length}\r\n${a}\r\n`, 'latin1'));
  }
  return Buffer.concat(parts);
}

export function migrateRoundTrip(host: string, port: string, timeoutMs: number, request: Buffer, replies: number): MigrateResult {
  const r = spawnSync(process.execPath, ['-e', CHILD, host, port, String(timeoutMs), String(replies)], {
    input: request,
    timeout: timeoutMs + 10000,
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env['PATH'] ?? '' },
  });
  try {
    const out = JSON.parse(r.stdout.toString('latin1')) as MigrateResult;
    return out;
  } catch {
    return { err: 'writing', lines: [] };
  }
}
