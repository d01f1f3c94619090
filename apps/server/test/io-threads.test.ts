// Wire tests with `io-threads 2`: TCP connections are served by the IO thread (the main thread keeps the Unix socket
// and runs commands) and behave exactly as those of the main thread (pipelines, MULTI/EXEC, blocking woken across
// threads, pub/sub, CLIENT KILL, QUIT, protocol errors and limits, big replies); the main thread's objects refuse
// calls from another thread.
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { OwnershipError, simulateThread } from '@redwing/event-loop';
import { RawClient, start, type Started } from './helpers.js';
import type { RemoteClient } from '../src/io-threads/remote-client.js';

let srv: Started;
const dir = mkdtempSync(join(tmpdir(), 'redwing-io-'));
const unixPath = join(dir, 'redwing.sock');
beforeAll(async () => {
  srv = await start({ config: { 'io-threads': '2', unixsocket: unixPath } });
});
afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

function remoteClients(): RemoteClient[] {
  const pool = srv.server.ioThreads;
  if (!pool) throw new Error('no IO threads');
  return pool.workers.flatMap((w) => [...w.clients.values()]);
}

async function clientId(c: RawClient): Promise<number> {
  c.command('CLIENT', 'ID');
  return Number((await c.read()).slice(1));
}

/** A raw connection served by the wanted thread: TCP goes to the IO thread, the Unix socket stays on the main one. */
async function connectOn(where: 'io' | 'main'): Promise<RawClient> {
  const c =
    where === 'io'
      ? await RawClient.connect(srv.port)
      : await new Promise<RawClient>((resolve, reject) => {
          const s = connect({ path: unixPath }, () => resolve(new RawClient(s)));
          s.once('error', reject);
        });
  const id = await clientId(c);
  expect(remoteClients().some((rc) => rc.client.id === id)).toBe(where === 'io');
  return c;
}

async function remoteOf(c: RawClient): Promise<RemoteClient> {
  const id = await clientId(c);
  const rc = remoteClients().find((r) => r.client.id === id);
  if (!rc) throw new Error('not an IO-thread client');
  return rc;
}

describe('io-threads 2', () => {
  it('reports the setting and serves on both threads', async () => {
    const io = await connectOn('io');
    const main = await connectOn('main');
    io.command('CONFIG', 'GET', 'io-threads');
    expect(await io.read((t) => t.split('\r\n').length >= 5)).toBe('*2\r\n$10\r\nio-threads\r\n$1\r\n2\r\n');
    main.command('PING');
    expect(await main.read()).toBe('+PONG\r\n');
    main.command('INFO');
    const info = await main.read((t) => t.includes('keyspace'));
    expect(info).toContain('io_threads_active:1\r\n');
    expect(Number(/io_threaded_reads_processed:(\d+)/.exec(info)?.[1])).toBeGreaterThan(0);
    expect(Number(/io_threaded_writes_processed:(\d+)/.exec(info)?.[1])).toBeGreaterThan(0);
    io.close();
    main.close();
  });

  it('a long pipeline in one write: every reply, in order', async () => {
    const io = await connectOn('io');
    let req = '';
    let want = '';
    for (let i = 0; i < 2000; i++) {
      req += `*3\r\n$3\r\nSET\r\n$${String(i).length + 2}\r\npk${i}\r\n$${String(i).length}\r\n${i}\r\n`;
      req += `*2\r\n$4\r\nINCR\r\n$${String(i).length + 2}\r\npk${i}\r\n`;
      want += `+OK\r\n:${i + 1}\r\n`;
    }
    io.write(req);
    expect(await io.read((t) => t.length >= want.length, 10000)).toBe(want);
    // inline commands and a pipeline split at every few bytes
    const bytes = Buffer.from('PING\r\nECHO hello\r\n*2\r\n$3\r\nGET\r\n$4\r\npk41\r\n');
    for (let i = 0; i < bytes.length; i += 3) io.write(bytes.subarray(i, i + 3));
    expect(await io.read((t) => t.endsWith('$2\r\n42\r\n'))).toBe('+PONG\r\n$5\r\nhello\r\n$2\r\n42\r\n');
    io.close();
  });

  it('MULTI/EXEC and WATCH across threads', async () => {
    const io = await connectOn('io');
    const main = await connectOn('main');
    io.write('WATCH wk\r\nMULTI\r\nINCR wk\r\nINCR wk\r\nEXEC\r\n');
    expect(await io.read((t) => t.endsWith(':2\r\n'))).toBe('+OK\r\n+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n:1\r\n:2\r\n');
    io.write('WATCH wk\r\n');
    expect(await io.read()).toBe('+OK\r\n');
    main.command('SET', 'wk', 'changed');
    expect(await main.read()).toBe('+OK\r\n');
    io.write('MULTI\r\nGET wk\r\nEXEC\r\n');
    expect(await io.read((t) => t.endsWith('*-1\r\n'))).toBe('+OK\r\n+QUEUED\r\n*-1\r\n');
    io.close();
    main.close();
  });

  it('BLPOP on the IO thread woken by a client of the main thread; commands sent meanwhile wait their turn', async () => {
    const io = await connectOn('io');
    const main = await connectOn('main');
    io.write('BLPOP bl 0\r\n');
    await new Promise((r) => setTimeout(r, 50));
    // Input arriving while the client's job is unfinished (a read completion overlapping the job)
    io.write('PING\r\nLLEN bl\r\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(await io.until(() => false, 100)).toBe('');
    main.command('LPUSH', 'bl', 'a', 'b');
    expect(await main.read()).toBe(':2\r\n');
    expect(await io.read((t) => t.endsWith(':1\r\n'))).toBe('*2\r\n$2\r\nbl\r\n$1\r\nb\r\n+PONG\r\n:1\r\n');
    // and the other way round
    main.command('BRPOP', 'bl2', '0');
    await new Promise((r) => setTimeout(r, 50));
    io.command('RPUSH', 'bl2', 'x');
    expect(await io.read()).toBe(':1\r\n');
    expect(await main.read((t) => t.endsWith('x\r\n'))).toBe('*2\r\n$3\r\nbl2\r\n$1\r\nx\r\n');
    // a timeout on the IO thread
    io.command('BLPOP', 'never', '0.05');
    expect(await io.read()).toBe('*-1\r\n');
    io.close();
    main.close();
  });

  it('pub/sub deliveries cross threads (RESP2 and RESP3), keyspace notifications too', async () => {
    const sub = await connectOn('io');
    const sub3 = await connectOn('io');
    const pub = await connectOn('main');
    sub.command('SUBSCRIBE', 'ch');
    expect(await sub.read()).toBe('*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n');
    sub3.command('HELLO', '3');
    await sub3.read((t) => t.includes('modules'));
    sub3.command('PSUBSCRIBE', '__keyspace@0__:*');
    await sub3.read((t) => t.endsWith(':1\r\n'));
    pub.command('CONFIG', 'SET', 'notify-keyspace-events', 'KA');
    expect(await pub.read()).toBe('+OK\r\n');
    pub.command('PUBLISH', 'ch', 'hi');
    expect(await pub.read()).toBe(':1\r\n');
    expect(await sub.read()).toBe('*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n');
    pub.command('SET', 'nk', '1');
    await pub.read();
    expect(await sub3.read((t) => t.endsWith('set\r\n'))).toBe('>4\r\n$8\r\npmessage\r\n$16\r\n__keyspace@0__:*\r\n$17\r\n__keyspace@0__:nk\r\n$3\r\nset\r\n');
    pub.command('CONFIG', 'SET', 'notify-keyspace-events', '');
    await pub.read();
    // publisher on the IO thread, subscriber on the main thread
    const msub = await connectOn('main');
    const ipub = await connectOn('io');
    msub.command('SUBSCRIBE', 'back');
    await msub.read((t) => t.endsWith(':1\r\n'));
    ipub.command('PUBLISH', 'back', 'yo');
    expect(await ipub.read()).toBe(':1\r\n');
    expect(await msub.read()).toBe('*3\r\n$7\r\nmessage\r\n$4\r\nback\r\n$2\r\nyo\r\n');
    for (const c of [sub, sub3, pub, msub, ipub]) c.close();
  });

  it('CLIENT KILL across threads, QUIT, MONITOR', async () => {
    const io = await connectOn('io');
    const main = await connectOn('main');
    const ioId = await clientId(io);
    main.command('CLIENT', 'KILL', 'ID', String(ioId));
    expect(await main.read()).toBe(':1\r\n');
    expect(await io.waitClosed()).toBe(true);
    const io2 = await connectOn('io');
    const mainId = await clientId(main);
    io2.command('CLIENT', 'KILL', 'ID', String(mainId));
    expect(await io2.read()).toBe(':1\r\n');
    expect(await main.waitClosed()).toBe(true);
    // MONITOR on the IO thread sees a main-thread client's commands
    const m = await connectOn('main');
    io2.command('MONITOR');
    expect(await io2.read()).toBe('+OK\r\n');
    m.command('SET', 'monkey', 'v');
    await m.read();
    expect(await io2.read((t) => t.includes('monkey'))).toMatch(/^\+\d+\.\d+ \[0 unix:\S+redwing\.sock:0\] "SET" "monkey" "v"\r\n$/);
    m.close();
    const q = await connectOn('io');
    q.write('PING\r\nQUIT\r\nPING\r\n');
    expect(await q.until(() => false, 3000)).toBe('+PONG\r\n+OK\r\n');
    expect(q.closed).toBe(true);
    io2.close();
  });

  it('CLIENT PAUSE holds an IO-thread client and releases it', async () => {
    const io = await connectOn('io');
    const main = await connectOn('main');
    main.command('CLIENT', 'PAUSE', '200', 'WRITE');
    expect(await main.read()).toBe('+OK\r\n');
    const t0 = Date.now();
    io.write('SET paused 1\r\nGET paused\r\n');
    expect(await io.read((t) => t.endsWith('$1\r\n1\r\n'))).toBe('+OK\r\n$1\r\n1\r\n');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    io.close();
    main.close();
  });

  it('protocol errors: the exact error after earlier replies, then closed; nothing after runs', async () => {
    const cases: [string, string][] = [
      ['*1\r\nfoo\r\n', "-ERR Protocol error: expected '$', got 'f'\r\n"],
      ['*3000000000\r\n', '-ERR Protocol error: invalid multibulk length\r\n'],
      ['*1\r\n$-10\r\n', '-ERR Protocol error: invalid bulk length\r\n'],
      ['set "abc\r\n', '-ERR Protocol error: unbalanced quotes in request\r\n'],
    ];
    for (const [bad, err] of cases) {
      const io = await connectOn('io');
      io.write(`PING\r\nSET pe 1\r\n${bad}SET pe 2\r\n`);
      expect(await io.until(() => false, 3000)).toBe(`+PONG\r\n+OK\r\n${err}`);
      expect(io.closed).toBe(true);
    }
    const main = await connectOn('main');
    main.command('GET', 'pe');
    expect(await main.read()).toBe('$1\r\n1\r\n');
    // cross-protocol guard: closed, no reply
    const post = await connectOn('io');
    post.write('POST / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await post.until(() => false, 3000)).toBe('');
    expect(post.closed).toBe(true);
    main.close();
  });

  it('unauthenticated limits and AUTH flow from the main thread to the IO thread', async () => {
    const admin = await connectOn('main');
    admin.command('CONFIG', 'SET', 'requirepass', 'sekret');
    expect(await admin.read()).toBe('+OK\r\n');
    try {
      await new Promise((r) => setTimeout(r, 50));
      const a = await connectOnUnauth();
      a.command('GET', 'x');
      expect(await a.read()).toBe('-NOAUTH Authentication required.\r\n');
      a.write('*11\r\n');
      expect(await a.until(() => false, 3000)).toBe('-ERR Protocol error: unauthenticated multibulk length\r\n');
      const b = await connectOnUnauth();
      b.write(`*2\r\n$4\r\nECHO\r\n$20000\r\n`);
      expect(await b.until(() => false, 3000)).toBe('-ERR Protocol error: unauthenticated bulk length\r\n');
      // after AUTH (pipelined with a big request) the limits are gone
      const c = await connectOnUnauth();
      const big = 'x'.repeat(20000);
      c.write(`AUTH sekret\r\n*2\r\n$4\r\nECHO\r\n$20000\r\n${big}\r\n`);
      expect(await c.read((t) => t.endsWith(`${big}\r\n`))).toBe(`+OK\r\n$20000\r\n${big}\r\n`);
      c.close();
    } finally {
      const again = await RawClient.connect(srv.port);
      again.write('AUTH sekret\r\nCONFIG SET requirepass ""\r\n');
      await again.read((t) => t.endsWith('+OK\r\n+OK\r\n'));
      again.close();
      admin.close();
    }
  });

  it('query-buffer limit closes the client and is counted', async () => {
    const main = await connectOn('main');
    main.command('CONFIG', 'SET', 'client-query-buffer-limit', '1048576');
    expect(await main.read()).toBe('+OK\r\n');
    try {
      main.command('INFO', 'stats');
      const before = Number(/client_query_buffer_limit_disconnections:(\d+)/.exec(await main.read((t) => t.endsWith('\r\n\r\n') || t.includes('io_thread')))?.[1]);
      const io = await connectOn('io');
      io.write(`*2\r\n$3\r\nGET\r\n$3000000\r\n`);
      io.write(Buffer.alloc(1_200_000, 120));
      expect(await io.waitClosed(5000)).toBe(true);
      await new Promise((r) => setTimeout(r, 50));
      main.command('INFO', 'stats');
      const after = Number(/client_query_buffer_limit_disconnections:(\d+)/.exec(await main.read((t) => t.includes('total_reads')))?.[1]);
      expect(after).toBe(before + 1);
    } finally {
      main.command('CONFIG', 'SET', 'client-query-buffer-limit', '1073741824');
      await main.read();
      main.close();
    }
  });

  it('big replies and big arguments go through intact', async () => {
    const io = await connectOn('io');
    const value = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < value.length; i++) value[i] = (i * 7) & 255;
    io.write(Buffer.concat([Buffer.from(`*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$${value.length}\r\n`), value, Buffer.from('\r\nGET big\r\n')]));
    const header = `+OK\r\n$${value.length}\r\n`;
    const text = await io.read((t) => t.length >= header.length + value.length + 2, 15000);
    expect(text.slice(0, header.length)).toBe(header);
    expect(Buffer.from(text.slice(header.length, header.length + value.length), 'latin1').equals(value)).toBe(true);
    // many medium replies in one turn (packed) next to a big one (transferred)
    io.write('LPUSH biglist ' + Array.from({ length: 500 }, (_, i) => `e${i}`).join(' ') + '\r\nLRANGE biglist 0 -1\r\nSTRLEN big\r\n');
    const t2 = await io.read((t) => t.endsWith(`:${value.length}\r\n`), 10000);
    expect(t2.startsWith(':500\r\n*500\r\n$4\r\ne499\r\n')).toBe(true);
    io.close();
  });

  it('ioredis: pipelines and transactions over several connections', async () => {
    const clients = Array.from({ length: 6 }, () => new Redis({ port: srv.port, lazyConnect: true }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      await Promise.all(
        clients.map(async (c, n) => {
          const p = c.pipeline();
          for (let i = 0; i < 200; i++) p.incr(`ior:${n}`);
          const res = await p.exec();
          expect(res?.map((r) => r[1])).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
          const tx = await c.multi().set(`iot:${n}`, 'a').append(`iot:${n}`, 'b').get(`iot:${n}`).exec();
          expect(tx?.map((r) => r[1])).toEqual(['OK', 2, 'ab']);
        }),
      );
    } finally {
      for (const c of clients) c.disconnect();
    }
  });

  it('CLIENT LIST shows qbuf and omem of IO-thread clients (shared memory, no round trip)', async () => {
    const main = await connectOn('main');
    const io = await connectOn('io');
    const id = await clientId(io);
    const field = async (name: string): Promise<number> => {
      main.command('CLIENT', 'LIST', 'ID', String(id));
      const line = await main.read();
      return Number(new RegExp(` ${name}=(\\d+)`).exec(line)?.[1]);
    };
    io.write('*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$10\r\nabc');
    await new Promise((r) => setTimeout(r, 100));
    expect(await field('qbuf')).toBeGreaterThan(0);
    io.write('defghij\r\n');
    expect(await io.read()).toBe('+OK\r\n');
    expect(await field('qbuf')).toBe(0);
    // a client that stops reading while big replies pile up
    main.command('SET', 'omem', 'x'.repeat(4 * 1024 * 1024));
    await main.read();
    io.sock.pause();
    io.write('GET omem\r\n'.repeat(8));
    let omem = 0;
    for (let i = 0; i < 50 && omem === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      omem = await field('omem');
    }
    expect(omem).toBeGreaterThan(0);
    io.close();
    main.close();
  });

  it('a main-thread object called from another thread throws OwnershipError and changes nothing', async () => {
    const io = await connectOn('io');
    const rc = await remoteOf(io);
    rc.client.reply.simple('queued');
    let caught: unknown = null;
    try {
      simulateThread(rc.client.id + 100000, () => rc.flush());
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(OwnershipError);
    expect((caught as OwnershipError).op).toBe('RemoteClient.flush');
    expect(rc.client.reply.length).toBe('+queued\r\n'.length);
    rc.client.reply.reset();
    io.command('PING');
    expect(await io.read()).toBe('+PONG\r\n');
    io.close();
  });

  // keep last: it ends the IO thread
  it('an IO thread that dies takes only its own connections; the main thread keeps serving', async () => {
    const io = await connectOn('io');
    const main = await connectOn('main');
    io.command('BLPOP', 'dead', '0');
    await new Promise((r) => setTimeout(r, 50));
    const pool = srv.server.ioThreads;
    await pool?.workers[0]?.worker.terminate();
    expect(await io.waitClosed()).toBe(true);
    expect(pool?.clientCount).toBe(0);
    main.command('CLIENT', 'LIST');
    expect((await main.read()).split('\n').filter((l) => l.includes('id='))).toHaveLength(1);
    const again = await connectOn('main');
    again.command('PING');
    expect(await again.read()).toBe('+PONG\r\n');
    again.close();
    main.close();
  });
});

/** A TCP (IO-thread) client that is not authenticated: CLIENT ID would be refused, so no check here. */
function connectOnUnauth(): Promise<RawClient> {
  return RawClient.connect(srv.port);
}
