// EventLoop listeners over real sockets: TCP (IPv4, IPv6), Unix sockets (perm, stale file, cleanup), accept
// errors, listener close keeping accepted connections, stop().
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventLoop, type Connection } from './index.js';
import { Collector, dial, until } from '../test/helpers.js';

function echoAccept(accepted: Connection[]): (conn: Connection) => void {
  return (conn) => {
    accepted.push(conn);
    conn.setReadHandler((chunk) => conn.write(chunk));
  };
}

describe('TCP listener', () => {
  it('binds port 0 to a real port and serves connections with Redis-style addresses', async () => {
    const loop = new EventLoop({ name: 'test' });
    expect(loop.name).toBe('test');
    const accepted: Connection[] = [];
    const l = await loop.listenTcp({ host: '127.0.0.1', port: 0 }, echoAccept(accepted));
    expect(l.port).toBeGreaterThan(0);
    expect(l.host).toBe('127.0.0.1');
    expect(l.path).toBeUndefined();
    const client = await dial(l.port);
    const got = new Collector(client);
    client.write('hello');
    await got.waitFor(5);
    expect(got.text()).toBe('hello');
    const conn = accepted[0]!;
    expect(conn.type).toBe('tcp');
    expect(conn.remoteAddress).toBe(`127.0.0.1:${client.localPort}`);
    expect(conn.localAddress).toBe(`127.0.0.1:${l.port}`);
    expect(conn.fd).toBeGreaterThan(2);
    expect(loop.connectionCount).toBe(1);
    expect(loop.readsProcessed).toBe(1);
    expect(loop.writesProcessed).toBe(1);
    client.destroy();
    await until(() => conn.closed && loop.connectionCount === 0);
    await loop.stop();
  });

  it('rejects when the port is taken', async () => {
    const loop = new EventLoop();
    const l = await loop.listenTcp({ host: '127.0.0.1', port: 0 }, () => undefined);
    await expect(loop.listenTcp({ host: '127.0.0.1', port: l.port }, () => undefined)).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    await loop.stop();
  });

  it('closing a listener stops accepting but keeps accepted connections', async () => {
    const loop = new EventLoop();
    const accepted: Connection[] = [];
    const l = await loop.listenTcp({ host: '127.0.0.1', port: 0 }, echoAccept(accepted));
    const client = await dial(l.port);
    const got = new Collector(client);
    await until(() => accepted.length === 1);
    await l.close();
    await l.close();
    await expect(dial(l.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    client.write('still here');
    await got.waitFor(10);
    expect(got.text()).toBe('still here');
    accepted[0]!.close();
    await got.waitEnd();
    await loop.stop();
  });

  it('an accept handler can refuse a client with a message (maxclients style)', async () => {
    const loop = new EventLoop();
    const l = await loop.listenTcp({ host: '127.0.0.1', port: 0 }, (conn) => {
      conn.write(Buffer.from('-ERR max number of clients reached\r\n'));
      conn.closeAfterFlush();
    });
    const client = await dial(l.port);
    const got = new Collector(client);
    await got.waitEnd();
    expect(got.text()).toBe('-ERR max number of clients reached\r\n');
    await loop.stop();
  });

  it('serves IPv6 loopback with bracketed addresses', async (ctx) => {
    const loop = new EventLoop();
    const accepted: Connection[] = [];
    let l;
    try {
      l = await loop.listenTcp({ host: '::1', port: 0 }, echoAccept(accepted));
    } catch {
      console.warn('IPv6 loopback unavailable: skipping IPv6 listener test');
      ctx.skip();
      return;
    }
    const { connect } = await import('node:net');
    const client = connect(l.port, '::1');
    const got = new Collector(client);
    client.write('v6');
    await got.waitFor(2);
    expect(accepted[0]!.remoteAddress).toBe(`[::1]:${client.localPort}`);
    expect(accepted[0]!.localAddress).toBe(`[::1]:${l.port}`);
    client.destroy();
    await loop.stop();
  });

  it('IPv4 and IPv6 wildcard listeners can share a port (IPv6 sockets are v6-only, as in Redis)', async (ctx) => {
    const loop = new EventLoop();
    const v4 = await loop.listenTcp({ host: '0.0.0.0', port: 0 }, () => undefined);
    try {
      await loop.listenTcp({ host: '::', port: v4.port }, () => undefined);
    } catch (e) {
      await loop.stop();
      if ((e as { code?: string }).code === 'EADDRNOTAVAIL' || (e as { code?: string }).code === 'EAFNOSUPPORT') {
        console.warn('IPv6 unavailable: skipping dual listener test');
        ctx.skip();
        return;
      }
      throw e;
    }
    await loop.stop();
  });

  it('stop() closes every listener', async () => {
    const loop = new EventLoop();
    const a = await loop.listenTcp({ host: '127.0.0.1', port: 0 }, () => undefined);
    const b = await loop.listenTcp({ host: '127.0.0.1', port: 0 }, () => undefined);
    await loop.stop();
    await expect(dial(a.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(dial(b.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('Unix listener', () => {
  it('serves a Unix socket with the path as address, the asked permissions, and removes the file on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'redwing-el-'));
    const path = join(dir, 'redis.sock');
    writeFileSync(path, 'stale file from an earlier run');
    const loop = new EventLoop();
    const accepted: Connection[] = [];
    const l = await loop.listenUnix({ path, perm: 0o700 }, echoAccept(accepted));
    expect(l.path).toBe(path);
    expect(l.port).toBe(0);
    expect(statSync(path).isSocket()).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o700);
    const client = await dial(path);
    const got = new Collector(client);
    client.write('over unix');
    await got.waitFor(9);
    expect(got.text()).toBe('over unix');
    const conn = accepted[0]!;
    expect(conn.type).toBe('unix');
    expect(conn.remoteAddress).toBe(`${path}:0`);
    expect(conn.localAddress).toBe(`${path}:0`);
    conn.setNoDelay(true); // ignored on Unix sockets
    conn.setKeepAlive(true, 10);
    client.destroy();
    await until(() => conn.closed);
    await loop.stop();
    expect(existsSync(path)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
