// Test helpers for @redwing/event-loop: socket pairs over loopback TCP, clients that collect bytes, and small
// waiting utilities. Test-only; not part of the package build.
import { connect, createServer, type Socket } from 'node:net';
import { once } from 'node:events';

/** A connected pair over 127.0.0.1: `server` is the accepted side (paused, allowHalfOpen), `client` the dialer. */
export async function socketPair(): Promise<{ server: Socket; client: Socket }> {
  const srv = createServer({ allowHalfOpen: true, pauseOnConnect: true });
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const addr = srv.address();
  if (addr === null || typeof addr === 'string') throw new Error('no address');
  const accepted = once(srv, 'connection') as Promise<[Socket]>;
  const client = connect(addr.port, '127.0.0.1');
  await once(client, 'connect');
  const [server] = await accepted;
  srv.close();
  return { server, client };
}

/** Collects everything a socket receives; `waitFor(n)` resolves once n bytes arrived, `ended` at EOF/close. */
export class Collector {
  chunks: Buffer[] = [];
  bytes = 0;
  ended = false;
  private waiters: { n: number; resolve: () => void }[] = [];
  private endWaiters: (() => void)[] = [];

  constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.chunks.push(d);
      this.bytes += d.length;
      this.waiters = this.waiters.filter((w) => {
        if (this.bytes >= w.n) w.resolve();
        return this.bytes < w.n;
      });
    });
    const onEnd = (): void => {
      if (this.ended) return;
      this.ended = true;
      for (const w of this.endWaiters) w();
      this.endWaiters = [];
    };
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', () => undefined);
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('latin1');
  }

  waitFor(n: number): Promise<void> {
    if (this.bytes >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  waitEnd(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => this.endWaiters.push(resolve));
  }
}

/** Connect a client to a TCP port or a Unix path and wait for the connection. */
export async function dial(target: number | string): Promise<Socket> {
  const s = typeof target === 'number' ? connect(target, '127.0.0.1') : connect(target);
  await once(s, 'connect');
  return s;
}

/** Wait for a few event-loop turns (lets setImmediate-based flushes and socket events run). */
export async function turns(n = 3): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

/** Resolve when `pred()` becomes true, polling each turn; reject after `ms`. */
export async function until(pred: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}
