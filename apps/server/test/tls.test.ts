// Wire tests for TLS (tls-port, @redwing/tls): redis-cli --tls, ioredis and node-redis TLS options, mutual TLS
// (required by default, optional, off), refused expired/untrusted client certificates, certificate reload with
// CONFIG SET (live connections stay, a bad file fails and keeps the old context), TLS only with port 0, a bad
// certificate at start-up, and hostile bytes on a TLS port. Certificates are made by openssl in a temp dir.
import { execFile } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect as netConnect } from 'node:net';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { TlsConfigError } from '@redwing/tls';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '@redwing/tls/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, RawClient, start, type Started } from './helpers.js';
import { startServer } from '../src/index.js';

const HAS_OPENSSL = hasOpenssl();
if (!HAS_OPENSSL) console.warn('[server] openssl not found: TLS wire tests are SKIPPED');
const HAS_CLI = spawnSync('sh', ['-c', 'command -v redis-cli']).status === 0;
if (HAS_OPENSSL && !HAS_CLI) console.warn('[server] redis-cli not found: the redis-cli --tls test is SKIPPED');
const run = promisify(execFile);

/** Open a TLS connection as a RawClient; resolves null when the server refuses it (closed before PING answers). */
async function tlsRaw(port: number, opts: ConnectionOptions): Promise<RawClient> {
  const sock = await new Promise<TLSSocket>((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, servername: 'localhost', ...opts }, () => resolve(s));
    s.once('error', reject);
  });
  return new RawClient(sock);
}

/** PING over a fresh TLS connection: 'PONG', or 'refused' when the server closes or resets it. */
async function pingTls(port: number, opts: ConnectionOptions): Promise<string> {
  let c: RawClient;
  try {
    c = await tlsRaw(port, opts);
  } catch {
    return 'refused';
  }
  c.command('PING');
  const t = await c.until((x) => x.endsWith('\r\n'));
  c.close();
  return t === '+PONG\r\n' ? 'PONG' : 'refused';
}

describe.skipIf(!HAS_OPENSSL)('TLS', () => {
  let certs: TestCertificates;
  let srv: Started;
  let ca: Buffer;
  let good: ConnectionOptions;
  const tlsConfig = (c: TestCertificates): Record<string, string> => ({
    'tls-cert-file': c.serverCert,
    'tls-key-file': c.serverKey,
    'tls-ca-cert-file': c.caCert,
  });

  beforeAll(async () => {
    certs = makeTestCertificates();
    ca = readFileSync(certs.caCert);
    good = { ca, cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
    srv = await start({ tlsPort: 0, config: tlsConfig(certs) });
  });
  afterAll(async () => {
    await srv?.close();
    certs?.remove();
  });

  it('has Redis 7.0 tls-* directives and defaults in CONFIG GET', async () => {
    const c = await RawClient.connect(srv.port);
    c.command('CONFIG', 'GET', 'tls-*');
    const text = await c.read((t) => t.split('\r\n').length > 44);
    c.close();
    const lines = text.split('\r\n');
    const pairs = new Map<string, string>();
    for (let i = 1; i + 3 < lines.length; i += 4) pairs.set(lines[i + 1] ?? '', lines[i + 3] ?? '');
    expect([...pairs.keys()].sort()).toEqual(
      [
        'tls-ca-cert-file', 'tls-dh-params-file', 'tls-ciphers', 'tls-session-caching', 'tls-client-key-file', 'tls-key-file',
        'tls-client-key-file-pass', 'tls-session-cache-size', 'tls-client-cert-file', 'tls-prefer-server-ciphers', 'tls-protocols',
        'tls-key-file-pass', 'tls-replication', 'tls-port', 'tls-cluster', 'tls-ca-cert-dir', 'tls-auth-clients', 'tls-cert-file',
        'tls-ciphersuites', 'tls-session-cache-timeout',
      ].sort(),
    );
    expect(pairs.get('tls-port')).toBe(String(srv.tlsPort));
    expect(pairs.get('tls-auth-clients')).toBe('yes');
    expect(pairs.get('tls-session-caching')).toBe('yes');
    expect(pairs.get('tls-session-cache-size')).toBe('20480');
    expect(pairs.get('tls-session-cache-timeout')).toBe('300');
    expect(pairs.get('tls-prefer-server-ciphers')).toBe('no');
    expect(pairs.get('tls-protocols')).toBe('');
  });

  it.skipIf(!HAS_CLI)('redis-cli --tls --cert --key --cacert runs commands', async () => {
    const cli = (...args: string[]): Promise<{ stdout: string }> =>
      run('redis-cli', ['--tls', '--cert', certs.clientCert, '--key', certs.clientKey, '--cacert', certs.caCert, '-p', String(srv.tlsPort), ...args]);
    expect((await cli('SET', 'tls:cli', 'hello')).stdout.trim()).toBe('OK');
    expect((await cli('GET', 'tls:cli')).stdout.trim()).toBe('hello');
    // without a client certificate the default (tls-auth-clients yes) refuses it
    const noCert = await run('redis-cli', ['--tls', '--cacert', certs.caCert, '-p', String(srv.tlsPort), 'PING']).then(
      (r) => r.stdout + r.stderr,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
    expect(noCert).not.toMatch(/PONG/);
  });

  it('ioredis and node-redis connect with their TLS options', async () => {
    const io = new Redis({ host: '127.0.0.1', port: srv.tlsPort, tls: { ...good, servername: 'localhost' }, lazyConnect: true, maxRetriesPerRequest: 0 });
    await io.connect();
    expect(await io.set('tls:io', 'v1')).toBe('OK');
    expect(await io.get('tls:io')).toBe('v1');
    const nr = createClient({ socket: { host: '127.0.0.1', port: srv.tlsPort, tls: true, servername: 'localhost', ...good, reconnectStrategy: false } });
    await nr.connect();
    expect(await nr.get('tls:io')).toBe('v1');
    expect(await nr.incr('tls:n')).toBe(1);
    // INFO counts TLS clients with the others; CLIENT LIST shows them like any client
    const info = await io.info('clients');
    expect(Number(/connected_clients:(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    const list = (await io.client('LIST')) as string;
    expect(list.split('\n').filter((l) => l.includes(`laddr=127.0.0.1:${srv.tlsPort}`)).length).toBeGreaterThanOrEqual(2);
    io.disconnect();
    await nr.quit();
  });

  it('tls-auth-clients yes refuses no certificate, an expired one and an untrusted one', async () => {
    expect(await pingTls(srv.tlsPort, good)).toBe('PONG');
    expect(await pingTls(srv.tlsPort, { ca })).toBe('refused');
    expect(await pingTls(srv.tlsPort, { ca, cert: readFileSync(certs.expiredClientCert), key: readFileSync(certs.clientKey) })).toBe('refused');
    expect(await pingTls(srv.tlsPort, { ca, cert: readFileSync(certs.untrustedClientCert), key: readFileSync(certs.untrustedClientKey) })).toBe('refused');
    expect(srv.server.tls.handshakeFailures).toBeGreaterThanOrEqual(3);
  });

  it('CONFIG SET tls-auth-clients optional / no takes effect for new connections', async () => {
    const admin = await RawClient.connect(srv.port);
    try {
      admin.command('CONFIG', 'SET', 'tls-auth-clients', 'optional');
      expect(await admin.read()).toBe('+OK\r\n');
      expect(await pingTls(srv.tlsPort, { ca })).toBe('PONG');
      expect(await pingTls(srv.tlsPort, good)).toBe('PONG');
      expect(await pingTls(srv.tlsPort, { ca, cert: readFileSync(certs.untrustedClientCert), key: readFileSync(certs.untrustedClientKey) })).toBe('refused');
      admin.command('CONFIG', 'SET', 'tls-auth-clients', 'no');
      expect(await admin.read()).toBe('+OK\r\n');
      expect(await pingTls(srv.tlsPort, { ca })).toBe('PONG');
    } finally {
      admin.command('CONFIG', 'SET', 'tls-auth-clients', 'yes');
      await admin.read();
      admin.close();
    }
    expect(await pingTls(srv.tlsPort, { ca })).toBe('refused');
  });

  it('CONFIG SET of cert/key reloads for new connections, keeps live ones, and refuses bad files', async () => {
    const live = await tlsRaw(srv.tlsPort, good);
    expect((live.sock as TLSSocket).getPeerX509Certificate()?.serialNumber).toBe('01');
    const admin = await RawClient.connect(srv.port);
    admin.command('CONFIG', 'SET', 'tls-cert-file', certs.serverCert2, 'tls-key-file', certs.serverKey2);
    expect(await admin.read()).toBe('+OK\r\n');
    const fresh = await tlsRaw(srv.tlsPort, good);
    expect((fresh.sock as TLSSocket).getPeerX509Certificate()?.serialNumber).toBe('02');
    fresh.close();
    live.command('PING');
    expect(await live.read()).toBe('+PONG\r\n');

    const bad = join(certs.dir, 'garbage.crt');
    writeFileSync(bad, '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n');
    admin.command('CONFIG', 'SET', 'tls-cert-file', bad);
    expect(await admin.read()).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'tls-cert-file') - Unable to update TLS configuration. Check server logs.\r\n",
    );
    // the key alone does not match the current certificate: refused too, nothing changes
    admin.command('CONFIG', 'SET', 'tls-key-file', certs.serverKey);
    expect(await admin.read()).toMatch(/^-ERR CONFIG SET failed/);
    admin.command('CONFIG', 'GET', 'tls-cert-file');
    expect(await admin.read((t) => t.split('\r\n').length >= 5)).toContain(certs.serverCert2);
    const after = await tlsRaw(srv.tlsPort, good);
    expect((after.sock as TLSSocket).getPeerX509Certificate()?.serialNumber).toBe('02');
    after.close();
    live.command('PING');
    expect(await live.read()).toBe('+PONG\r\n');
    live.close();
    admin.close();
  });

  it('bad bytes on the TLS port never crash the server', async () => {
    // garbage instead of a ClientHello
    await new Promise<void>((resolve) => {
      const s = netConnect(srv.tlsPort, '127.0.0.1', () => s.write('*1\r\n$4\r\nPING\r\n\x16\x03\x01\xff\xff garbage'));
      s.on('error', () => undefined);
      s.on('close', () => resolve());
    });
    // a connection that closes in the middle of the handshake
    await new Promise<void>((resolve) => {
      const s = netConnect(srv.tlsPort, '127.0.0.1', () => {
        s.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x40, 0x01]));
        s.destroy();
        resolve();
      });
      s.on('error', () => undefined);
    });
    // a good handshake followed by a protocol error: Redis's reply, then the connection is closed
    const c = await tlsRaw(srv.tlsPort, good);
    c.write('*1\r\n$abc\r\n');
    expect(await c.until((t) => t.endsWith('\r\n'))).toBe('-ERR Protocol error: invalid bulk length\r\n');
    expect(await c.waitClosed()).toBe(true);
    expect(await pingTls(srv.tlsPort, good)).toBe('PONG');
  });

  it('serves TLS only with port 0 and tls-port, and INFO shows the TLS port as tcp_port', async () => {
    const only = await startServer({ tlsPort: 0, config: tlsConfig(certs) });
    try {
      expect(only.port).toBe(0);
      expect(only.tlsPort).toBeGreaterThan(0);
      const c = await tlsRaw(only.tlsPort, good);
      c.command('INFO', 'server');
      const info = await c.read((t) => t.includes('config_file'));
      expect(info).toContain(`tcp_port:${only.tlsPort}`);
      c.close();
    } finally {
      await only.close();
    }
  });

  it('CONFIG SET tls-port opens and closes the TLS listener at run time', async () => {
    const plain = await start({ config: tlsConfig(certs) });
    try {
      expect(plain.tlsPort).toBe(0);
      const port = await freePort();
      const admin = await RawClient.connect(plain.port);
      admin.command('CONFIG', 'SET', 'tls-port', String(port));
      expect(await admin.read()).toBe('+OK\r\n');
      await plain.server.tls.settled();
      expect(await pingTls(port, good)).toBe('PONG');
      admin.command('CONFIG', 'SET', 'tls-port', '0');
      expect(await admin.read()).toBe('+OK\r\n');
      await plain.server.tls.settled();
      expect(await pingTls(port, good)).toBe('refused');
      admin.close();
    } finally {
      await plain.close();
    }
  });

  it('refuses to start with a bad certificate or key, naming the file', async () => {
    const missing = join(certs.dir, 'missing.crt');
    await expect(startServer({ tlsPort: 0, config: { ...tlsConfig(certs), 'tls-cert-file': missing } })).rejects.toThrow(TlsConfigError);
    await expect(startServer({ tlsPort: 0, config: { ...tlsConfig(certs), 'tls-cert-file': missing } })).rejects.toThrow(/missing\.crt/);
    await expect(startServer({ tlsPort: 0, config: { ...tlsConfig(certs), 'tls-key-file': certs.clientKey } })).rejects.toThrow(
      /Failed to load private key: .*client\.key/,
    );
    // an encrypted key with tls-key-file-pass starts fine
    const enc = await startServer({
      tlsPort: 0,
      config: { ...tlsConfig(certs), 'tls-key-file': certs.serverKeyEncrypted, 'tls-key-file-pass': certs.serverKeyPass },
    });
    expect(await pingTls(enc.tlsPort, good)).toBe('PONG');
    await enc.close();
  });
});

describe.skipIf(!HAS_OPENSSL)('TLS with io-threads 2', () => {
  let certs: TestCertificates;
  let srv: Started;
  let good: ConnectionOptions;
  beforeAll(async () => {
    certs = makeTestCertificates();
    good = { ca: readFileSync(certs.caCert), cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
    srv = await start({
      tlsPort: 0,
      config: { 'tls-cert-file': certs.serverCert, 'tls-key-file': certs.serverKey, 'tls-ca-cert-file': certs.caCert, 'io-threads': '2' },
    });
  });
  afterAll(async () => {
    await srv?.close();
    certs?.remove();
  });

  it('serves ioredis over TLS, refuses a client without a certificate, survives a protocol error', async () => {
    const io = new Redis({ host: '127.0.0.1', port: srv.tlsPort, tls: { ...good, servername: 'localhost' }, lazyConnect: true, maxRetriesPerRequest: 0 });
    await io.connect();
    const pipe = io.pipeline();
    for (let i = 0; i < 50; i++) pipe.incr('tls:io2');
    const res = (await pipe.exec()) ?? [];
    expect(res[49]?.[1]).toBe(50);
    expect(await pingTls(srv.tlsPort, { ca: good.ca })).toBe('refused');
    const c = await tlsRaw(srv.tlsPort, good);
    c.write('*1\r\n$abc\r\n');
    expect(await c.until((t) => t.endsWith('\r\n'))).toBe('-ERR Protocol error: invalid bulk length\r\n');
    expect(await c.waitClosed()).toBe(true);
    expect(await io.get('tls:io2')).toBe('50');
    io.disconnect();
  });
});
