// Differential test: the same raw request bytes sent to a real redis-server 7.0 and fed to RequestParser must give
// the same commands run (counted through PING/ECHO replies) and the same "Protocol error: ..." text.
// Skips loudly when redis-server is not installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestParser } from './index.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis) console.warn('redis-server not found: skipping the RequestParser differential tests');

const port = 30000 + Math.floor(Math.random() * 20000);
let server: ChildProcess | undefined;

function send(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    const out: Buffer[] = [];
    let timer = setTimeout(() => sock.destroy(), 1500);
    sock.on('data', (d) => {
      out.push(d);
      clearTimeout(timer);
      timer = setTimeout(() => sock.destroy(), 300);
    });
    sock.on('error', reject);
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(out).toString('latin1'));
    });
    sock.write(bytes);
  });
}

function ours(bytes: Buffer, authenticated: boolean): { replies: string[]; error: string | null } {
  const replies: string[] = [];
  let error: string | null = null;
  const p = new RequestParser({
    onCommand: (a) => {
      const args = a.map((x) => (typeof x === 'string' ? x : x.toString('latin1')));
      const name = args[0]!.toUpperCase();
      if (name !== 'PING' && name !== 'ECHO') replies.push('-ERR');
      else if (!authenticated) replies.push('-NOAUTH');
      else if (name === 'PING') replies.push('+PONG');
      else replies.push(`$${args[1]!.length}`, args[1]!);
    },
    onError: (e) => (error = e.message),
    authenticated,
  });
  p.feed(bytes);
  return { replies: replies.filter((l) => l !== ''), error };
}

function theirs(text: string): { replies: string[]; error: string | null } {
  const lines = text.split('\r\n').filter((l) => l !== '');
  let error: string | null = null;
  const last = lines[lines.length - 1];
  if (last?.startsWith('-ERR Protocol error: ')) {
    error = last.slice('-ERR Protocol error: '.length);
    lines.pop();
  }
  // error replies compared by their code only
  return { replies: lines.map((l) => (l.startsWith('-') ? l.split(' ')[0]! : l)), error };
}

const cases: string[] = [
  '*1\r\n$4\r\nPING\r\n',
  'PING\r\nPING\nECHO "a b"\r\n\r\n  \r\nPING\r\n',
  '*0\r\n*-1\r\n*-10\r\nPING\r\n',
  '*3000000000\r\nPING\r\n',
  '*abc\r\n',
  '*-0\r\n',
  '*03\r\n',
  '*+3\r\n',
  '* 3\r\n',
  '*1234567890123456789012345\r\n',
  '*1\r\nfoo\r\n',
  '*1\r\n\r\n',
  '*2\r\n$4\r\nECHO\r\n$-10\r\n',
  '*2\r\n$4\r\nECHO\r\n$blabla\r\n',
  '*2\r\n$4\r\nECHO\r\n$2000000000\r\n',
  '*2\r\n$4\r\nECHO\r\n$03\r\nabc\r\n',
  '*2\r\n$4\r\nECHO\r\n$+3\r\nabc\r\n',
  '*2\r\n$4\r\nECHO\r\n$ 3\r\nabc\r\n',
  '*2\r\n$4\r\nECHO\r\n$0\r\n\r\nPING\r\n',
  'ECHO """k"""\r\nPING\r\n',
  'ECHO "abc\r\nPING\r\n',
  "ECHO 'it\\'s'\r\nECHO \"\\x41\\n\"\r\n",
  'ECHO "a"b\r\n',
  'PING\r\n*1\r\n$4\r\nPING\r\nPING\n*1\r\n$x\r\nPING\r\n',
];

describe.skipIf(!hasRedis)('RequestParser against redis-server 7.0', () => {
  beforeAll(async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await send(Buffer.from('PING\r\n'))).startsWith('+PONG')) return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error('redis-server did not start');
  });

  afterAll(() => {
    server?.kill();
  });

  it('runs the same commands and reports the same protocol errors', async () => {
    for (const c of cases) {
      const bytes = Buffer.from(c, 'latin1');
      expect(ours(bytes, true), JSON.stringify(c)).toEqual(theirs(await send(bytes)));
    }
  });

  it('matches the long-line and NUL cases', async () => {
    for (const c of [`*${'1'.repeat(70 * 1024)}`, `*1\r\n$${'1'.repeat(70 * 1024)}`, 'a'.repeat(70 * 1024)]) {
      const bytes = Buffer.from(c, 'latin1');
      expect(ours(bytes, true)).toEqual(theirs(await send(bytes)));
    }
  });

  it('applies the unauthenticated limits like a server with a password', async () => {
    await send(Buffer.from('CONFIG SET requirepass secret\r\n'));
    const unauth = [`*11\r\n${'$1\r\na\r\n'.repeat(11)}`, `*10\r\n${'$1\r\na\r\n'.repeat(10)}`, '*2\r\n$4\r\nECHO\r\n$16385\r\n', `*2\r\n$4\r\nECHO\r\n$16384\r\n${'x'.repeat(16384)}\r\n`];
    for (const c of unauth) {
      const bytes = Buffer.from(c, 'latin1');
      expect(ours(bytes, false), c.slice(0, 30)).toEqual(theirs(await send(bytes)));
    }
  });
});
