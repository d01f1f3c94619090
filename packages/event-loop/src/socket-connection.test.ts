// SocketConnection over real loopback sockets: per-turn output coalescing (one write / one writev), deferred
// close inside handlers, closeAfterFlush, peer half-close, resets, and backpressure in both directions.
import { describe, expect, it, vi } from 'vitest';
import type { Socket } from 'node:net';
import { CONCAT_LIMIT, EventLoop, type Connection } from './index.js';
import { Collector, socketPair, turns, until } from '../test/helpers.js';

async function adopted(loop = new EventLoop()): Promise<{
  loop: EventLoop;
  conn: Connection;
  server: Socket;
  client: Socket;
  got: Collector;
}> {
  const { server, client } = await socketPair();
  const conn = loop.adopt(server, 'tcp');
  return { loop, conn, server, client, got: new Collector(client) };
}

describe('output coalescing', () => {
  it('replies written by many commands in one turn leave in a single socket.write', async () => {
    const { loop, conn, server, client, got } = await adopted();
    const write = vi.spyOn(server, 'write');
    let expected = '';
    conn.setReadHandler((chunk) => {
      // A pipeline of commands: one reply each.
      for (const cmd of chunk.toString().split('\n')) {
        if (cmd === '') continue;
        conn.write(Buffer.from(`+${cmd}\r\n`));
      }
    });
    const cmds = Array.from({ length: 50 }, (_, i) => `cmd${i}`);
    for (const c of cmds) expected += `+${c}\r\n`;
    const w0 = loop.writesProcessed;
    client.write(cmds.join('\n') + '\n');
    await got.waitFor(expected.length);
    expect(got.text()).toBe(expected);
    expect(write).toHaveBeenCalledTimes(1);
    expect(loop.writesProcessed - w0).toBe(1);
    client.destroy();
  });

  it('output larger than CONCAT_LIMIT goes out as one writev of the queued buffers', async () => {
    const { conn, server, client, got } = await adopted();
    const s = server as unknown as { _writev: (...args: unknown[]) => unknown };
    const writev = vi.spyOn(s, '_writev');
    const big = Buffer.alloc(CONCAT_LIMIT, 0x61);
    conn.setReadHandler(() => {
      conn.write(big);
      conn.write(Buffer.from('middle'));
      conn.write(big);
    });
    client.write('go');
    await got.waitFor(2 * CONCAT_LIMIT + 6);
    expect(writev).toHaveBeenCalledTimes(1);
    expect((writev.mock.calls[0]?.[0] as unknown[]).length).toBe(3);
    const text = got.text();
    expect(text.slice(CONCAT_LIMIT, CONCAT_LIMIT + 6)).toBe('middle');
    client.destroy();
  });

  it('flush() writes what is queued right away', async () => {
    const { conn, client, got } = await adopted();
    conn.write(Buffer.from('a'));
    conn.write(Buffer.from('b'));
    expect(conn.pendingWriteBytes).toBe(2);
    conn.flush();
    expect(conn.pendingWriteBytes).toBeLessThanOrEqual(2);
    await got.waitFor(2);
    expect(got.text()).toBe('ab');
    expect(conn.pendingWriteBytes).toBe(0);
    client.destroy();
  });

  it('writes outside any I/O callback (a promise continuation) are flushed by a turn of their own', async () => {
    const { loop, conn, client, got } = await adopted();
    const log: string[] = [];
    loop.onAfterSleep(() => log.push('after'));
    loop.onBeforeSleep(() => log.push('before'));
    await Promise.resolve();
    conn.write(Buffer.from('late'));
    await got.waitFor(4);
    expect(got.text()).toBe('late');
    expect(log).toEqual(['after', 'before']);
    client.destroy();
  });

  it('writes made by a beforeSleep hook go out in the same pass', async () => {
    const { loop, conn, server, client, got } = await adopted();
    const write = vi.spyOn(server, 'write');
    let pending = false;
    loop.onBeforeSleep(() => {
      if (pending) conn.write(Buffer.from('+from-hook\r\n'));
      pending = false;
    });
    conn.setReadHandler(() => {
      conn.write(Buffer.from('+from-read\r\n'));
      pending = true;
    });
    client.write('x');
    await got.waitFor(24);
    expect(got.text()).toBe('+from-read\r\n+from-hook\r\n');
    expect(write).toHaveBeenCalledTimes(1);
    client.destroy();
  });
});

describe('hooks around I/O', () => {
  it('afterSleep runs before the first read of a turn and beforeSleep after it, paired', async () => {
    const { loop, conn, client, got } = await adopted();
    const log: string[] = [];
    loop.onAfterSleep(() => log.push('after'));
    loop.onBeforeSleep(() => log.push('before'));
    conn.setReadHandler((c) => {
      log.push('read');
      conn.write(c);
    });
    client.write('one');
    await got.waitFor(3);
    await turns();
    client.write('two');
    await got.waitFor(6);
    await turns();
    expect(log).toEqual(['after', 'read', 'before', 'after', 'read', 'before']);
    client.destroy();
  });

  it('requestBeforeSleep with no I/O runs afterSleep then beforeSleep once', async () => {
    const loop = new EventLoop();
    const log: string[] = [];
    loop.onAfterSleep(() => log.push('after'));
    loop.onBeforeSleep(() => log.push('before'));
    loop.requestBeforeSleep();
    loop.requestBeforeSleep();
    await turns(3);
    expect(log).toEqual(['after', 'before']);
    expect(loop.turns).toBe(1);
  });
});

describe('beforeSleep re-requests', () => {
  it('requestBeforeSleep from inside a beforeSleep hook runs one more turn, not the same pass again', async () => {
    const loop = new EventLoop();
    const log: string[] = [];
    let again = 2;
    loop.onAfterSleep(() => log.push('after'));
    loop.onBeforeSleep(() => {
      log.push('before');
      if (again-- > 0) loop.requestBeforeSleep();
    });
    loop.requestBeforeSleep();
    await turns(6);
    expect(log).toEqual(['after', 'before', 'after', 'before', 'after', 'before']);
    expect(loop.turns).toBe(3);
  });
});

describe('closing', () => {
  it('close() inside a read handler is deferred until the handler returns', async () => {
    const { conn, server, client, got } = await adopted();
    const states: string[] = [];
    let closeCalls = 0;
    conn.setCloseHandler(() => closeCalls++);
    conn.setReadHandler(() => {
      conn.write(Buffer.from('before-close'));
      conn.close();
      states.push(`closed=${conn.closed} destroyed=${server.destroyed}`);
      conn.write(Buffer.from('after-close'));
      expect(conn.pendingWriteBytes).toBe(0);
      conn.close(); // a second close is harmless
      states.push(`destroyed=${server.destroyed} calls=${closeCalls}`);
      process.nextTick(() => states.push(`next: destroyed=${server.destroyed}`));
    });
    client.write('QUITNOW');
    await got.waitEnd();
    await until(() => closeCalls === 1);
    expect(states).toEqual([
      'closed=true destroyed=false',
      'destroyed=false calls=0',
      'next: destroyed=true',
    ]);
    expect(got.text()).toBe('');
    await turns();
    expect(closeCalls).toBe(1);
  });

  it('close() outside a handler closes at once and the close handler runs once', async () => {
    const { loop, conn, server, got } = await adopted();
    let closeCalls = 0;
    conn.setCloseHandler(() => closeCalls++);
    conn.write(Buffer.from('dropped'));
    expect(loop.connectionCount).toBe(1);
    conn.close();
    expect(server.destroyed).toBe(true);
    expect(conn.closed).toBe(true);
    await got.waitEnd();
    await until(() => closeCalls === 1);
    expect(got.text()).toBe('');
    expect(loop.connectionCount).toBe(0);
  });

  it('closeAfterFlush sends what was queued, refuses later writes, then closes', async () => {
    const { conn, client, got } = await adopted();
    let closed = false;
    conn.setCloseHandler(() => (closed = true));
    conn.setReadHandler(() => {
      conn.write(Buffer.from('+OK\r\n'));
      conn.closeAfterFlush();
      conn.write(Buffer.from('+IGNORED\r\n'));
      expect(conn.closed).toBe(true);
    });
    client.write('QUIT\r\nPING\r\n');
    await got.waitEnd();
    expect(got.text()).toBe('+OK\r\n');
    await until(() => closed);
  });

  it('closeAfterFlush with unread input still delivers the reply and ends cleanly (no reset)', async () => {
    const { conn, client, got } = await adopted();
    let closed = false;
    let clientError: Error | null = null;
    client.on('error', (e) => (clientError = e));
    conn.setCloseHandler(() => (closed = true));
    // Input the server never reads (read interest off), sitting in its kernel buffer at close time.
    client.write(Buffer.alloc(200 * 1024, 0x78));
    await new Promise((r) => setTimeout(r, 20));
    client.pause(); // a client busy elsewhere: the reply waits in its kernel buffer
    conn.write(Buffer.from('-ERR bye\r\n'));
    conn.closeAfterFlush();
    await until(() => closed);
    await new Promise((r) => setTimeout(r, 50));
    client.resume();
    await got.waitEnd();
    expect(got.text()).toBe('-ERR bye\r\n');
    expect(clientError).toBe(null);
    client.destroy();
  });

  it('replies to a request followed by a half-close still reach the peer', async () => {
    const { conn, client, got } = await adopted();
    let closed = false;
    conn.setCloseHandler(() => (closed = true));
    conn.setReadHandler((c) => conn.write(Buffer.from(`+${c.toString().trim()}\r\n`)));
    client.end('PONG\n');
    await got.waitEnd();
    expect(got.text()).toBe('+PONG\r\n');
    await until(() => closed);
    expect(conn.closed).toBe(true);
  });

  it('a peer reset closes the connection and records the error', async () => {
    const { conn, client } = await adopted();
    let closed = false;
    conn.setCloseHandler(() => (closed = true));
    conn.setReadHandler(() => undefined);
    await turns();
    client.resetAndDestroy();
    await until(() => closed);
    expect(conn.closed).toBe(true);
    expect(conn.lastError).toMatchObject({ code: 'ECONNRESET' });
    conn.write(Buffer.from('x'));
    expect(conn.pendingWriteBytes).toBe(0);
  });

  it('close() from inside the close handler and after the socket is gone is a no-op', async () => {
    const { conn, client } = await adopted();
    let calls = 0;
    conn.setCloseHandler(() => {
      calls++;
      conn.close();
    });
    conn.setReadHandler(() => undefined);
    client.destroy();
    await until(() => calls === 1);
    conn.close();
    conn.closeAfterFlush();
    await turns();
    expect(calls).toBe(1);
  });
});

describe('backpressure', () => {
  it('output to a slow reader backs up in pendingWriteBytes and the write handler fires on drain', async () => {
    const { conn, client, got } = await adopted();
    const size = 16 * 1024 * 1024;
    client.pause();
    let drains = 0;
    conn.setWriteHandler(() => drains++);
    const chunk = Buffer.alloc(1024 * 1024, 0x62);
    for (let i = 0; i < size / chunk.length; i++) conn.write(chunk);
    expect(conn.pendingWriteBytes).toBe(size);
    await turns(5);
    // The kernel buffers cannot hold 16 MiB: most of it is still waiting in the socket.
    expect(conn.pendingWriteBytes).toBeGreaterThan(0);
    expect(drains).toBe(0);
    client.resume();
    await got.waitFor(size);
    await until(() => drains > 0);
    expect(conn.pendingWriteBytes).toBe(0);
    expect(got.bytes).toBe(size);
    client.destroy();
  });

  it('a paused connection does not see the peer go away until reading resumes (as Redis)', async () => {
    const { conn, client } = await adopted();
    let closed = false;
    conn.setCloseHandler(() => (closed = true));
    client.end();
    await new Promise((r) => setTimeout(r, 30));
    expect(closed).toBe(false);
    conn.setReadHandler(() => undefined);
    await until(() => closed);
  });

  it('with read interest off the socket is paused; input waits in order until reading resumes', async () => {
    const { conn, client } = await adopted();
    const received: Buffer[] = [];
    conn.setReadHandler((c) => received.push(c));
    client.write('first;');
    await until(() => received.length > 0);
    conn.setReadHandler(null);
    const payload = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < payload.length; i++) payload[i] = i % 251;
    let clientBlocked = false;
    if (!client.write(payload)) clientBlocked = true;
    await new Promise((r) => setTimeout(r, 50));
    expect(received.length).toBe(1);
    // Nothing is read, so the peer's writes back up (TCP backpressure reaches the client).
    expect(clientBlocked).toBe(true);
    expect(client.writableLength).toBeGreaterThan(0);
    conn.setReadHandler((c) => received.push(c));
    await until(() => received.reduce((n, b) => n + b.length, 0) === 6 + payload.length);
    const all = Buffer.concat(received);
    expect(all.subarray(0, 6).toString()).toBe('first;');
    expect(all.subarray(6).equals(payload)).toBe(true);
    client.destroy();
  });

  it('setting read interest off inside the read handler stops delivery of the rest', async () => {
    const { conn, client } = await adopted();
    const received: string[] = [];
    const handler = (c: Buffer): void => {
      received.push(c.toString());
      conn.setReadHandler(null);
    };
    conn.setReadHandler(handler);
    client.write('a');
    await until(() => received.length === 1);
    client.write('b');
    await new Promise((r) => setTimeout(r, 30));
    expect(received).toEqual(['a']);
    conn.setReadHandler(handler);
    await until(() => received.length === 2);
    expect(received).toEqual(['a', 'b']);
    client.destroy();
  });
});

describe('socket options', () => {
  it('setNoDelay and setKeepAlive apply to TCP sockets', async () => {
    const { conn, server, client } = await adopted();
    const nd = vi.spyOn(server, 'setNoDelay');
    const ka = vi.spyOn(server, 'setKeepAlive');
    conn.setNoDelay(true);
    conn.setKeepAlive(true, 300);
    expect(nd).toHaveBeenCalledWith(true);
    expect(ka).toHaveBeenCalledWith(true, 300_000);
    client.destroy();
  });
});
