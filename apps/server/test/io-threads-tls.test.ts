// TLS with `io-threads 2`: the IO thread runs its own TLS acceptor on its duplicate of the tls-port listener, so TLS
// clients served by it get the same replies as anywhere (pipelines, blocking woken from the main thread, pub/sub,
// big replies, protocol errors), refused certificates stay refused, and a certificate reload reaches the worker.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '@redwing/tls/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, start, type Started } from './helpers.js';

const HAS_OPENSSL = hasOpenssl();
if (!HAS_OPENSSL) console.warn('[server] openssl not found: TLS + io-threads wire tests are SKIPPED');

describe.skipIf(!HAS_OPENSSL)('TLS with io-threads 2', () => {
  let certs: TestCertificates;
  let srv: Started;
  let good: ConnectionOptions;
  const dir = mkdtempSync(join(tmpdir(), 'redwing-io-tls-'));
  const unixPath = join(dir, 'redwing.sock');

  beforeAll(async () => {
    certs = makeTestCertificates();
    good = { ca: readFileSync(certs.caCert), cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
    srv = await start({
      tlsPort: 0,
      port: 0,
      config: { 'io-threads': '2', unixsocket: unixPath, 'tls-cert-file': certs.serverCert, 'tls-key-file': certs.serverKey, 'tls-ca-cert-file': certs.caCert },
    });
  });
  afterAll(async () => {
    await srv?.close();
    certs?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  async function tlsRaw(opts: ConnectionOptions = good): Promise<RawClient> {
    const sock = await new Promise<TLSSocket>((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port: srv.tlsPort, servername: 'localhost', ...opts }, () => resolve(s));
      s.once('error', reject);
    });
    return new RawClient(sock);
  }

  function ioIds(): Set<number> {
    return new Set(srv.server.ioThreads?.workers.flatMap((w) => [...w.clients.values()].map((r) => r.client.id)) ?? []);
  }

  /** A TLS client (always served by the IO thread), or a Unix-socket client of the main thread. */
  async function tlsOn(where: 'io' | 'main'): Promise<RawClient> {
    const c =
      where === 'io'
        ? await tlsRaw()
        : await new Promise<RawClient>((resolve, reject) => {
            const s = netConnect({ path: unixPath }, () => resolve(new RawClient(s)));
            s.once('error', reject);
          });
    c.command('CLIENT', 'ID');
    const id = Number((await c.read()).slice(1));
    expect(ioIds().has(id)).toBe(where === 'io');
    return c;
  }

  it('TLS clients on the IO thread: pipeline, CLIENT LIST type, big reply', async () => {
    const c = await tlsOn('io');
    let req = '';
    let want = '';
    for (let i = 0; i < 500; i++) {
      req += `INCR tlsn\r\n`;
      want += `:${i + 1}\r\n`;
    }
    c.write(req);
    expect(await c.read((t) => t.length >= want.length, 10000)).toBe(want);
    c.command('CLIENT', 'INFO');
    expect(await c.read()).toMatch(/ laddr=127\.0\.0\.1:\d+ /);
    const big = 'v'.repeat(1_000_000);
    c.command('SET', 'tlsbig', big);
    c.command('GET', 'tlsbig');
    expect(await c.read((t) => t.length >= big.length + 17, 10000)).toBe(`+OK\r\n$${big.length}\r\n${big}\r\n`);
    c.close();
  });

  it('BLPOP over TLS on the IO thread woken by a client of the main thread; pub/sub across', async () => {
    const io = await tlsOn('io');
    const main = await tlsOn('main');
    io.write('BLPOP tq 0\r\n');
    await new Promise((r) => setTimeout(r, 50));
    io.write('PING\r\n');
    main.command('RPUSH', 'tq', 'z');
    expect(await main.read()).toBe(':1\r\n');
    expect(await io.read((t) => t.endsWith('+PONG\r\n'))).toBe('*2\r\n$2\r\ntq\r\n$1\r\nz\r\n+PONG\r\n');
    io.command('SUBSCRIBE', 'tch');
    await io.read((t) => t.endsWith(':1\r\n'));
    main.command('PUBLISH', 'tch', 'secret');
    expect(await main.read()).toBe(':1\r\n');
    expect(await io.read()).toBe('*3\r\n$7\r\nmessage\r\n$3\r\ntch\r\n$6\r\nsecret\r\n');
    io.close();
    main.close();
  });

  it('a protocol error over TLS on the IO thread: error, then closed', async () => {
    const io = await tlsOn('io');
    io.write('PING\r\n*1\r\nfoo\r\nPING\r\n');
    expect(await io.until(() => false, 3000)).toBe("+PONG\r\n-ERR Protocol error: expected '$', got 'f'\r\n");
    expect(io.closed).toBe(true);
  });

  it('untrusted client certificates are refused by every thread; a reload reaches the worker', async () => {
    const bad = { ca: readFileSync(certs.caCert), cert: readFileSync(certs.untrustedClientCert), key: readFileSync(certs.untrustedClientKey) };
    for (let i = 0; i < 8; i++) {
      let outcome = 'refused';
      try {
        const c = await tlsRaw(bad);
        c.command('PING');
        outcome = (await c.until((t) => t.endsWith('\r\n'))) === '+PONG\r\n' ? 'PONG' : 'refused';
        c.close();
      } catch {
        outcome = 'refused';
      }
      expect(outcome).toBe('refused');
    }
    const admin = await tlsOn('main');
    admin.command('CONFIG', 'SET', 'tls-auth-clients', 'no');
    expect(await admin.read()).toBe('+OK\r\n');
    try {
      await new Promise((r) => setTimeout(r, 100));
      // without a client certificate, now accepted by the IO thread (its context was rebuilt)
      for (let i = 0; i < 3; i++) {
        const c = await tlsRaw({ ca: readFileSync(certs.caCert) });
        c.command('CLIENT', 'ID');
        const id = Number((await c.read()).slice(1));
        expect(ioIds().has(id)).toBe(true);
        c.close();
      }
    } finally {
      admin.command('CONFIG', 'SET', 'tls-auth-clients', 'yes');
      await admin.read();
      admin.close();
    }
  });
});
