// Wire tests for client-side caching (CLIENT TRACKING & co.): RESP3 invalidation pushes, RESP2 redirection to a
// `__redis__:invalidate` subscriber with ioredis, and a byte-for-byte differential transcript against a real
// redis-server (tracking client in RESP3, a second client writing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { haveRedisServer, RawClient, start, startRealRedis, type Started } from './helpers.js';

let srv: Started;

beforeAll(async () => {
  srv = await start();
});
afterAll(async () => {
  await srv.close();
});

const PONG = (t: string): boolean => t.endsWith('+PONG\r\n');

/** A RESP3 tracking client `a` and a RESP2 writer `b` on one server. */
async function pair(port: number): Promise<{ a: RawClient; b: RawClient; close: () => void }> {
  const a = await RawClient.connect(port);
  const b = await RawClient.connect(port);
  a.command('HELLO', '3');
  await a.read((t) => t.includes('modules'));
  return {
    a,
    b,
    close: () => {
      a.close();
      b.close();
    },
  };
}

/** Run a transcript: each step sends commands from a and/or b, then a PINGs; returns what a saw per step. */
async function transcript(port: number, steps: { a?: string[][]; b?: string[][] }[]): Promise<string[]> {
  const { a, b, close } = await pair(port);
  const out: string[] = [];
  try {
    for (const s of steps) {
      for (const cmd of s.b ?? []) {
        b.command(...cmd);
        await b.read();
      }
      for (const cmd of s.a ?? []) a.command(...cmd);
      a.command('PING');
      out.push(await a.read(PONG));
    }
  } finally {
    close();
  }
  return out;
}

const STEPS: { a?: string[][]; b?: string[][] }[] = [
  { b: [['FLUSHALL'], ['SET', 'k', 'v']] },
  { a: [['CLIENT', 'TRACKING', 'on'], ['GET', 'k'], ['CLIENT', 'GETREDIR']] },
  { b: [['SET', 'k', 'w']] },
  { b: [['SET', 'k', 'x']] },
  { a: [['MGET', 'k', 'm'], ['SET', 'm', '1']] },
  { a: [['MULTI'], ['GET', 'k'], ['SET', 'k', '1'], ['EXEC']] },
  { a: [['CLIENT', 'TRACKINGINFO'], ['CLIENT', 'TRACKING', 'on', 'BCAST'], ['CLIENT', 'TRACKING', 'on', 'PREFIX', 'p']] },
  { a: [['CLIENT', 'TRACKING', 'on', 'OPTIN', 'OPTOUT'], ['CLIENT', 'CACHING', 'yes'], ['CLIENT', 'TRACKING', 'on', 'NOLOOP']] },
  { a: [['GET', 'k'], ['SET', 'k', '2'], ['CLIENT', 'TRACKINGINFO']] },
  { a: [['GET', 'k']], b: [] },
  { b: [['FLUSHDB']] },
  { a: [['CLIENT', 'TRACKING', 'off'], ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'a:', 'PREFIX', 'b:'], ['CLIENT', 'TRACKINGINFO']] },
  { b: [['MSET', 'a:1', '1', 'c:1', '1', 'b:2', '2']] },
  { a: [['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'a:x']] },
  { a: [['CLIENT', 'TRACKING', 'off'], ['CLIENT', 'TRACKING', 'on', 'OPTIN'], ['GET', 'x'], ['CLIENT', 'CACHING', 'yes'], ['GET', 'y']] },
  { b: [['MSET', 'x', '1', 'y', '1']] },
  { a: [['CLIENT', 'TRACKINGINFO'], ['CLIENT', 'CACHING', 'no'], ['CLIENT', 'TRACKING', 'on', 'OPTOUT']] },
  // RESET turns tracking off (and goes back to RESP2): no invalidation follows
  { a: [['CLIENT', 'TRACKING', 'off'], ['CLIENT', 'TRACKING', 'on'], ['GET', 'r'], ['RESET'], ['CLIENT', 'TRACKINGINFO']] },
  { b: [['SET', 'r', '1']] },
];

describe('client tracking over the wire', () => {
  it('RESP3 push after another client changes a read key', async () => {
    const out = await transcript(srv.port, STEPS.slice(0, 3));
    expect(out[2]).toBe('>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n+PONG\r\n');
  });

  it('RESP2 redirection to a subscriber of __redis__:invalidate (ioredis tracking client)', async () => {
    const sub = await RawClient.connect(srv.port);
    const cli = new Redis({ port: srv.port, host: '127.0.0.1' });
    try {
      sub.command('CLIENT', 'ID');
      const subId = Number(/:(\d+)/.exec(await sub.read())![1]);
      sub.command('SUBSCRIBE', '__redis__:invalidate');
      await sub.read((t) => t.endsWith(':1\r\n'));
      expect(await cli.call('CLIENT', 'TRACKING', 'on', 'REDIRECT', String(subId))).toBe('OK');
      expect(await cli.call('CLIENT', 'GETREDIR')).toBe(subId);
      // the null of a flush is written in the tracking client's protocol
      const nul = /resp=3/.test(String(await cli.call('CLIENT', 'INFO'))) ? '_\r\n' : '$-1\r\n';
      await cli.set('rk', '1');
      await cli.get('rk');
      await cli.set('rk', '2');
      await cli.flushall();
      const msg = '*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n';
      expect(await sub.read((t) => t.endsWith(nul))).toBe(`${msg}*1\r\n$2\r\nrk\r\n${msg}${nul}`);
    } finally {
      sub.close();
      cli.disconnect();
    }
  });

  it('RESET turns tracking off: CLIENT LIST flags back to N, no invalidation for keys read before', async () => {
    const out = await transcript(srv.port, [
      { a: [['CLIENT', 'TRACKING', 'on'], ['GET', 'rk2'], ['RESET'], ['CLIENT', 'INFO']] },
      { b: [['SET', 'rk2', '1']] },
    ]);
    expect(out[0]).toContain('+RESET\r\n');
    expect(out[0]).toMatch(/ flags=N /);
    expect(out[1]).toBe('+PONG\r\n');
  });

  it('tracking-redir-broken when the redirect client is gone', async () => {
    const { a, b, close } = await pair(srv.port);
    const r = await RawClient.connect(srv.port);
    try {
      r.command('CLIENT', 'ID');
      const id = Number(/:(\d+)/.exec(await r.read())![1]);
      a.command('CLIENT', 'TRACKING', 'on', 'REDIRECT', String(id));
      a.command('GET', 'gone');
      await a.read((t) => t.endsWith('_\r\n'));
      r.command('QUIT');
      await r.waitClosed();
      b.command('SET', 'gone', '1');
      await b.read();
      a.command('PING');
      expect(await a.read(PONG)).toBe(`>2\r\n$21\r\ntracking-redir-broken\r\n:${id}\r\n+PONG\r\n`);
    } finally {
      close();
      r.close();
    }
  });

  describe.skipIf(!haveRedisServer())('differential vs redis-server', () => {
    if (!haveRedisServer()) console.warn('redis-server not installed: tracking differential test skipped');
    it('the same transcript gives the same bytes', async () => {
      const real = await startRealRedis();
      try {
        const ours = await transcript(srv.port, STEPS);
        const theirs = await transcript(real.port, STEPS);
        expect(ours).toEqual(theirs);
      } finally {
        await real.close();
      }
    });
  });
});
