// Test fixtures: throwaway certificates made with the `openssl` binary (node:crypto cannot sign X.509) in a temp
// dir: a CA, a server certificate for 127.0.0.1/localhost, a client certificate, an expired client certificate,
// a client certificate from an untrusted CA, and the server key encrypted with a passphrase. EC P-256 keys, so
// the whole set takes a fraction of a second. Test-only (exported as `@redwing/tls/testing`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  /** serverKey encrypted with `serverKeyPass`. */
  serverKeyEncrypted: string;
  serverKeyPass: string;
  clientCert: string;
  clientKey: string;
  /** Signed by the CA, expired yesterday; key is clientKey. */
  expiredClientCert: string;
  /** A second CA that the server does not trust, and a client certificate signed by it. */
  otherCaCert: string;
  untrustedClientCert: string;
  untrustedClientKey: string;
  /** A second server certificate from the same CA (for reload tests), with its key. */
  serverCert2: string;
  serverKey2: string;
  /** Delete the directory. */
  remove(): void;
}

/** True when an `openssl` binary can be run. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

function ossl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function makeCa(dir: string, name: string, cn: string): void {
  ossl(dir, ['req', '-x509', ...EC, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${cn}`]);
}

function makeLeaf(dir: string, name: string, cn: string, ca: string, serial: number, days: number, ext: string, keyFrom?: string): void {
  const keyArgs = keyFrom !== undefined ? ['-key', keyFrom] : [...EC, '-keyout', `${name}.key`];
  ossl(dir, ['req', '-new', ...keyArgs, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
  ossl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-set_serial', String(serial),
    '-days', String(days), '-out', `${name}.crt`, '-extfile', ext]);
}

/** Generate the full set into a new temp dir. Throws if openssl is missing (check hasOpenssl() first). */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'redwing-tls-'));
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  makeCa(dir, 'ca', 'Redwing Test CA');
  makeCa(dir, 'other-ca', 'Untrusted Test CA');
  makeLeaf(dir, 'server', 'localhost', 'ca', 1, 2, 'server.ext');
  makeLeaf(dir, 'server2', 'localhost', 'ca', 2, 2, 'server.ext');
  makeLeaf(dir, 'client', 'redwing-client', 'ca', 3, 2, 'client.ext');
  makeLeaf(dir, 'expired', 'redwing-client', 'ca', 4, -1, 'client.ext', 'client.key');
  makeLeaf(dir, 'untrusted', 'redwing-client', 'other-ca', 5, 2, 'client.ext');
  const pass = 'redwing-secret';
  ossl(dir, ['pkey', '-in', 'server.key', '-aes256', '-passout', `pass:${pass}`, '-out', 'server-enc.key']);
  const p = (f: string): string => join(dir, f);
  return {
    dir,
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    serverCert: p('server.crt'),
    serverKey: p('server.key'),
    serverKeyEncrypted: p('server-enc.key'),
    serverKeyPass: pass,
    clientCert: p('client.crt'),
    clientKey: p('client.key'),
    expiredClientCert: p('expired.crt'),
    otherCaCert: p('other-ca.crt'),
    untrustedClientCert: p('untrusted.crt'),
    untrustedClientKey: p('untrusted.key'),
    serverCert2: p('server2.crt'),
    serverKey2: p('server2.key'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
