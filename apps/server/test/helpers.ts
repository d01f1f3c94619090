// Test helpers for wire tests: an in-process server on port 0, a raw RESP socket client for exact bytes,
// and a real redis-server for differential tests (skips loudly when it is not installed).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { encodeCommand } from '@redwing/resp';
import { startServer, type ServerOptions } from '../src/index.js';

export type Started = Awaited<ReturnType<typeof startServer>>;

export async function start(opts: ServerOptions = {}): Promise<Started> {
  return startServer({ port: 0, ...opts });
}

/** A raw socket client: send bytes, read until a predicate holds or the peer closes. */
export class RawClient {
  private buf = Buffer.alloc(0);
  closed = false;
  private waiters: (() => void)[] = [];
  constructor(readonly sock: Socket) {
    sock.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
    sock.on('error', () => {
      this.closed = true;
      this.wake();
    });
  }
  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ port, host }, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }
  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  write(data: string | Buffer): void {
    this.sock.write(data);
  }
  command(...args: (string | number | Buffer)[]): void {
    this.sock.write(encodeCommand(args));
  }
  /** Wait until the received text satisfies `pred` (or the socket closes, or the timeout). Returns all text so far. */
  async until(pred: (text: string) => boolean, ms = 3000): Promise<string> {
    const end = Date.now() + ms;
    while (!pred(this.buf.toString('latin1')) && !this.closed && Date.now() < end) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, end - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.buf.toString('latin1');
  }
  /** Wait for `n` CRLF-terminated lines worth of output, return and clear the buffer. */
  async read(pred: (text: string) => boolean = (t) => t.endsWith('\r\n'), ms = 3000): Promise<string> {
    const t = await this.until(pred, ms);
    this.buf = Buffer.alloc(0);
    return t;
  }
  async waitClosed(ms = 3000): Promise<boolean> {
    await this.until(() => false, ms);
    return this.closed;
  }
  close(): void {
    this.sock.destroy();
  }
}

export function haveRedisServer(): boolean {
  return spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Start a real redis-server on a free loopback port (differential tests). */
export async function startRealRedis(): Promise<{ port: number; proc: ChildProcess; close(): Promise<void> }> {
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: 'ignore',
  });
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    try {
      const c = await RawClient.connect(port);
      c.close();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    port,
    proc,
    close: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      }),
  };
}

import { ReplyParser } from '@redwing/resp';

/** Sends commands one at a time and collects each parsed reply (errors as `{ error: text }`). */
export class ReplyClient {
  private replies: unknown[] = [];
  private waiter: (() => void) | null = null;
  private readonly parser: ReplyParser;
  constructor(private readonly raw: RawClient) {
    this.parser = new ReplyParser({
      bulkAs: 'string',
      onReply: (v: unknown) => {
        this.replies.push(v instanceof Error ? { error: v.message } : v);
        this.waiter?.();
      },
    });
    raw.sock.on('data', (d: Buffer) => this.parser.feed(d));
  }
  static async connect(port: number): Promise<ReplyClient> {
    return new ReplyClient(await RawClient.connect(port));
  }
  async call(...args: (string | number)[]): Promise<unknown> {
    this.raw.command(...args);
    const end = Date.now() + 5000;
    while (this.replies.length === 0 && Date.now() < end && !this.raw.closed) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50);
        this.waiter = () => {
          clearTimeout(t);
          r();
        };
      });
    }
    return this.replies.shift();
  }
  close(): void {
    this.raw.close();
  }
}

/**
 * Differential run: the same commands against Redwing and a real redis-server, replies side by side.
 * Each server starts from an empty db 9 (SELECT 9, FLUSHALL).
 */
export async function differential(
  ourPort: number,
  theirPort: number,
  commands: (string | number)[][],
): Promise<{ ours: unknown[]; theirs: unknown[] }> {
  const run = async (port: number): Promise<unknown[]> => {
    const c = await ReplyClient.connect(port);
    await c.call('SELECT', 9);
    await c.call('FLUSHALL');
    const out: unknown[] = [];
    for (const cmd of commands) out.push(await c.call(...cmd));
    c.close();
    return out;
  };
  return { ours: await run(ourPort), theirs: await run(theirPort) };
}
