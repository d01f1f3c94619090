import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTlsContext, loadTlsContextOrThrow, TlsConfigError } from './context.js';
import { DEFAULT_TLS_SETTINGS, type TlsSettings } from './settings.js';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from './testing/certs.js';

const HAS_OPENSSL = hasOpenssl();
if (!HAS_OPENSSL) console.warn('[tls] openssl not found: TLS context tests are SKIPPED');

describe.skipIf(!HAS_OPENSSL)('loadTlsContext', () => {
  let certs: TestCertificates;
  let base: TlsSettings;
  beforeAll(() => {
    certs = makeTestCertificates();
    base = { ...DEFAULT_TLS_SETTINGS, certFile: certs.serverCert, keyFile: certs.serverKey, caCertFile: certs.caCert };
  });
  afterAll(() => certs.remove());

  it('loads a certificate, key and CA', () => {
    const r = loadTlsContext(base);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.context.requestCert).toBe(true);
      expect(r.context.rejectUnauthorized).toBe(true);
    }
  });

  it('maps tls-auth-clients to request/reject', () => {
    const opt = loadTlsContext({ ...base, authClients: 'optional' });
    const no = loadTlsContext({ ...base, authClients: 'no', caCertFile: '' });
    expect(opt.ok && [opt.context.requestCert, opt.context.rejectUnauthorized]).toEqual([true, false]);
    expect(no.ok && [no.context.requestCert, no.context.rejectUnauthorized]).toEqual([false, false]);
  });

  it('needs a cert, a key, and a CA unless tls-auth-clients is no (Redis texts)', () => {
    expect(loadTlsContext({ ...base, certFile: '' })).toEqual({ ok: false, error: 'No tls-cert-file configured!' });
    expect(loadTlsContext({ ...base, keyFile: '' })).toEqual({ ok: false, error: 'No tls-key-file configured!' });
    const r = loadTlsContext({ ...base, caCertFile: '' });
    expect(!r.ok && r.error).toMatch(/^Either tls-ca-cert-file or tls-ca-cert-dir must be specified/);
  });

  it('names the file when the certificate or key is missing or bad', () => {
    const missing = loadTlsContext({ ...base, certFile: join(certs.dir, 'nope.crt') });
    expect(!missing.ok && missing.error).toMatch(/^Failed to load certificate: .*nope\.crt: ENOENT/);
    const badCert = join(certs.dir, 'bad.crt');
    writeFileSync(badCert, 'not a certificate\n');
    const bad = loadTlsContext({ ...base, certFile: badCert });
    expect(!bad.ok && bad.error).toMatch(/^Failed to load certificate: .*bad\.crt: /);
    const badKey = loadTlsContext({ ...base, keyFile: badCert });
    expect(!badKey.ok && badKey.error).toMatch(/^Failed to load private key: .*bad\.crt: /);
    const wrongKey = loadTlsContext({ ...base, keyFile: certs.clientKey });
    expect(!wrongKey.ok && wrongKey.error).toMatch(/^Failed to load private key: .*client\.key: key values mismatch/);
    expect(() => loadTlsContextOrThrow({ ...base, certFile: badCert })).toThrow(TlsConfigError);
  });

  it('decrypts a key with tls-key-file-pass, and says so when the passphrase is wrong', () => {
    expect(loadTlsContext({ ...base, keyFile: certs.serverKeyEncrypted, keyFilePass: certs.serverKeyPass }).ok).toBe(true);
    const r = loadTlsContext({ ...base, keyFile: certs.serverKeyEncrypted, keyFilePass: 'wrong' });
    expect(!r.ok && r.error).toMatch(/^Failed to load private key: .*server-enc\.key/);
    expect(loadTlsContext({ ...base, keyFile: certs.serverKeyEncrypted }).ok).toBe(false);
  });

  it('reads CA certificates from tls-ca-cert-dir', () => {
    const dir = join(certs.dir, 'cadir');
    mkdirSync(dir, { recursive: true });
    copyFileSync(certs.caCert, join(dir, 'ca.pem'));
    writeFileSync(join(dir, 'README'), 'not a cert');
    expect(loadTlsContext({ ...base, caCertFile: '', caCertDir: dir }).ok).toBe(true);
    const empty = join(certs.dir, 'emptydir');
    mkdirSync(empty, { recursive: true });
    const r = loadTlsContext({ ...base, caCertFile: '', caCertDir: empty });
    expect(!r.ok && r.error).toMatch(/^Failed to configure CA certificate\(s\) file\/directory: .*emptydir/);
  });

  it('names a missing tls-dh-params-file', () => {
    const r = loadTlsContext({ ...base, dhParamsFile: join(certs.dir, 'dh.pem') });
    expect(!r.ok && r.error).toMatch(/^Failed to load .*dh\.pem: ENOENT/);
  });

  it('rejects bad protocols and ciphers', () => {
    expect(loadTlsContext({ ...base, protocols: 'TLSv9' }).ok).toBe(false);
    const r = loadTlsContext({ ...base, ciphers: 'NO-SUCH-CIPHER' });
    expect(!r.ok && r.error).toMatch(/^Failed to configure ciphers: NO-SUCH-CIPHER/);
    expect(loadTlsContext({ ...base, ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256', ciphersuites: 'TLS_AES_128_GCM_SHA256' }).ok).toBe(true);
  });
});
