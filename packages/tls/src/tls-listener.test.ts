import { connect as netConnect } from 'node:net';
import { readFileSync } from 'node:fs';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { EventLoop, type Connection } from '@redwing/event-loop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTlsContextOrThrow, type TlsContext } from './context.js';
import { DEFAULT_TLS_SETTINGS, type TlsSettings } from './settings.js';
import { createServer as createNetServer } from 'node:net';
import { once } from 'node:events';
import { acceptTlsOn, listenTls, type TlsListener } from './tls-listener.js';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from './testing/certs.js';

const HAS_OPENSSL = hasOpenssl();
if (!HAS_OPENSSL) console.warn('[tls] openssl not found: TLS listener tests are SKIPPED');

/** An echo server: every connection writes back what it reads. */
function echo(conns: Connection[]) {
  return (conn: Connection): void => {
    conns.push(conn);
    conn.setReadHandler((chunk) => conn.write(Buffer.from(chunk)));
  };
}

type Outcome = { ok: true; sock: TLSSocket } | { ok: false; error: string };

/** Connect, send "ping", expect it echoed back: ok, or refused (error/close before the echo). */
function tryEcho(port: number, opts: ConnectionOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: Outcome): void => {
      if (done) return;
      done = true;
      resolve(o);
    };
    const sock = connect({ host: '127.0.0.1', port, ...opts }, () => sock.write('ping'));
    sock.on('data', (d: Buffer) => {
      if (d.toString() === 'ping') finish({ ok: true, sock });
    });
    sock.on('error', (e: Error) => finish({ ok: false, error: e.message }));
    sock.on('close', () => finish({ ok: false, error: 'closed' }));
  });
}

describe.skipIf(!HAS_OPENSSL)('listenTls', () => {
  let certs: TestCertificates;
  let settings: TlsSettings;
  let loop: EventLoop;
  let ca: Buffer;
  const open: TLSSocket[] = [];
  const listeners: TlsListener[] = [];

  const start = async (over: Partial<TlsSettings> = {}, errors?: Error[]): Promise<{ l: TlsListener; conns: Connection[]; ctx: TlsContext }> => {
    const conns: Connection[] = [];
    const ctx = loadTlsContextOrThrow({ ...settings, ...over });
    const l = await listenTls(loop, { host: '127.0.0.1', port: 0 }, ctx, echo(conns), {
      onHandshakeError: (e) => errors?.push(e),
    });
    listeners.push(l);
    return { l, conns, ctx };
  };
  const client = (c: 'good' | 'expired' | 'untrusted' | 'none'): ConnectionOptions => {
    const base: ConnectionOptions = { ca, servername: 'localhost' };
    if (c === 'good') return { ...base, cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) };
    if (c === 'expired') return { ...base, cert: readFileSync(certs.expiredClientCert), key: readFileSync(certs.clientKey) };
    if (c === 'untrusted') return { ...base, cert: readFileSync(certs.untrustedClientCert), key: readFileSync(certs.untrustedClientKey) };
    return base;
  };
  const expectEcho = async (port: number, opts: ConnectionOptions): Promise<TLSSocket> => {
    const r = await tryEcho(port, opts);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) throw new Error(r.error);
    open.push(r.sock);
    return r.sock;
  };

  beforeAll(() => {
    certs = makeTestCertificates();
    ca = readFileSync(certs.caCert);
    settings = { ...DEFAULT_TLS_SETTINGS, certFile: certs.serverCert, keyFile: certs.serverKey, caCertFile: certs.caCert };
    loop = new EventLoop({ name: 'tls-test' });
  });
  afterAll(async () => {
    for (const s of open) s.destroy();
    for (const l of listeners) await l.close();
    certs.remove();
  });

  it('tls-auth-clients yes: a valid client certificate gets through, the connection is of type tls', async () => {
    const errors: Error[] = [];
    const { l, conns } = await start({}, errors);
    await expectEcho(l.port, client('good'));
    expect(conns).toHaveLength(1);
    expect(conns[0]?.type).toBe('tls');
    expect(conns[0]?.remoteAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(conns[0]?.fd).toBeGreaterThan(0);
    for (const c of ['none', 'expired', 'untrusted'] as const) {
      const r = await tryEcho(l.port, client(c));
      expect(r.ok, `client ${c}`).toBe(false);
    }
    expect(conns).toHaveLength(1);
    expect(l.acceptor.handshakeFailures).toBe(3);
    expect(errors.map((e) => e.message).join('\n')).toMatch(/expired/i);
  });

  it('tls-auth-clients optional: no certificate is fine, a bad one is refused', async () => {
    const { l, conns } = await start({ authClients: 'optional' });
    await expectEcho(l.port, client('none'));
    await expectEcho(l.port, client('good'));
    expect((await tryEcho(l.port, client('expired'))).ok).toBe(false);
    expect((await tryEcho(l.port, client('untrusted'))).ok).toBe(false);
    expect(conns).toHaveLength(2);
  });

  it('tls-auth-clients no: no certificate asked', async () => {
    const { l } = await start({ authClients: 'no', caCertFile: '' });
    await expectEcho(l.port, client('none'));
  });

  it('refuses client-initiated renegotiation (TLSv1.2) and keeps serving', async () => {
    const { l } = await start({ authClients: 'no' });
    const sock = await expectEcho(l.port, { ...client('none'), maxVersion: 'TLSv1.2' });
    const outcome = await new Promise<string>((resolve) => {
      const ok = sock.renegotiate({ rejectUnauthorized: false }, (err) => resolve(err ? `error: ${err.message}` : 'renegotiated'));
      if (!ok) resolve('refused locally');
      sock.on('close', () => resolve('closed'));
      sock.on('error', (e) => resolve(`error: ${e.message}`));
    });
    expect(outcome).not.toBe('renegotiated');
    await expectEcho(l.port, { ...client('none'), maxVersion: 'TLSv1.2' });
  });

  it('setContext: new connections get the new certificate, live ones keep working', async () => {
    const { l } = await start({ authClients: 'no' });
    const before = await expectEcho(l.port, client('none'));
    expect(before.getPeerX509Certificate()?.serialNumber).toBe('01');
    l.setContext(loadTlsContextOrThrow({ ...settings, authClients: 'no', certFile: certs.serverCert2, keyFile: certs.serverKey2 }));
    const after = await expectEcho(l.port, client('none'));
    expect(after.getPeerX509Certificate()?.serialNumber).toBe('02');
    const again = new Promise<string>((resolve) => before.once('data', (d: Buffer) => resolve(d.toString())));
    before.write('ping');
    expect(await again).toBe('ping');
  });

  it('resumes sessions when tls-session-caching is yes, not when no', async () => {
    const resumed = async (port: number): Promise<boolean> => {
      const first = await expectEcho(port, client('none'));
      const session = await new Promise<Buffer>((resolve) => {
        const s = (first as TLSSocket & { getSession(): Buffer | undefined }).getSession();
        if (s) resolve(s);
        else first.once('session', resolve);
      });
      const second = await expectEcho(port, { ...client('none'), session });
      return second.isSessionReused();
    };
    const on = await start({ authClients: 'no' });
    expect(await resumed(on.l.port)).toBe(true);
    const off = await start({ authClients: 'no', sessionCaching: false });
    expect(await resumed(off.l.port)).toBe(false);
  });

  it('acceptTlsOn serves TLS on a net.Server that is already listening (an IO thread\'s shared socket)', async () => {
    const net = createNetServer({ allowHalfOpen: true });
    net.listen(0, '127.0.0.1');
    await once(net, 'listening');
    const conns: Connection[] = [];
    const l = acceptTlsOn(loop, net, loadTlsContextOrThrow({ ...settings, authClients: 'no' }), echo(conns));
    listeners.push(l);
    expect(l.port).toBeGreaterThan(0);
    await expectEcho(l.port, client('none'));
    expect(conns[0]?.type).toBe('tls');
  });

  it('applies tls-protocols, tls-ciphers and tls-ciphersuites', async () => {
    const v13 = await start({ authClients: 'no', protocols: 'TLSv1.3' });
    expect((await tryEcho(v13.l.port, { ...client('none'), maxVersion: 'TLSv1.2' })).ok).toBe(false);
    expect((await expectEcho(v13.l.port, client('none'))).getProtocol()).toBe('TLSv1.3');
    const picked = await start({ authClients: 'no', ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384', ciphersuites: 'TLS_CHACHA20_POLY1305_SHA256' });
    expect((await expectEcho(picked.l.port, { ...client('none'), maxVersion: 'TLSv1.2' })).getCipher().name).toBe('ECDHE-ECDSA-AES256-GCM-SHA384');
    expect((await expectEcho(picked.l.port, client('none'))).getCipher().name).toBe('TLS_CHACHA20_POLY1305_SHA256');
  });

  it('garbage before the handshake is a counted failure, never a crash', async () => {
    const { l, conns } = await start({ authClients: 'no' });
    await new Promise<void>((resolve) => {
      const s = netConnect(l.port, '127.0.0.1', () => s.write('*1\r\n$4\r\nPING\r\n\x00\xff garbage'));
      s.on('error', () => undefined);
      s.on('close', () => resolve());
    });
    expect(l.acceptor.handshakeFailures).toBe(1);
    expect(conns).toHaveLength(0);
    await expectEcho(l.port, client('none'));
  });
});
