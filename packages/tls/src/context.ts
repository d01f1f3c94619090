// Building a TLS context from TlsSettings: reads and checks the certificate, key and CA files, and turns the tls-*
// directives into node:tls options. Atomic like Redis's tlsConfigure: either a complete new TlsContext or an
// error value naming the file at fault; nothing global is touched, so a failed reload leaves the old context in use.
// Messages follow Redis's log wording ("Failed to load certificate: <file>: <reason>", ...).
import { X509Certificate, constants, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CIPHERS, createSecureContext, type SecureContext, type SecureContextOptions, type TlsOptions } from 'node:tls';
import { parseProtocols, type TlsSettings } from './settings.js';

export interface TlsContext {
  /** The settings this context was built from (a frozen copy). */
  readonly settings: Readonly<TlsSettings>;
  /** The server side: certificate, key, CA, protocols, ciphers, session and renegotiation options. */
  readonly secureContext: SecureContext;
  /** The same as tls.Server options (a listener builds its server from these; they are known to load). */
  readonly serverOptions: Readonly<TlsOptions>;
  /** For connections this server dials (replication, cluster): the client identity if one is configured. */
  readonly clientContext: SecureContext;
  /** Ask the client for a certificate (`tls-auth-clients` yes or optional). */
  readonly requestCert: boolean;
  /** Refuse clients without a valid certificate (`tls-auth-clients yes`). */
  readonly rejectUnauthorized: boolean;
  /** The server certificate's expiry (for logs and INFO-like reports). */
  readonly certValidTo: string;
}

export type TlsContextResult = { ok: true; context: TlsContext } | { ok: false; error: string };

/** A TLS configuration that cannot be loaded where failing is the only option (server start). */
export class TlsConfigError extends Error {
  readonly code = 'ETLSCONFIG' as const;
  constructor(message: string) {
    super(message);
    this.name = 'TlsConfigError';
  }
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Node's default TLSv1.2 cipher list and TLSv1.3 suites, split as `tls-ciphers` / `tls-ciphersuites` are. */
const DEFAULT_12 = DEFAULT_CIPHERS.split(':').filter((c) => c !== '' && !c.startsWith('TLS_')).join(':');
const DEFAULT_13 = DEFAULT_CIPHERS.split(':').filter((c) => c.startsWith('TLS_')).join(':');

function reason(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && code.startsWith('E') && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

/** The PEM certificates in a CA file, or in every regular file of a CA directory (OpenSSL's hashed dir works too). */
function loadCaCerts(file: string, dir: string): string[] | { error: string } {
  const out: string[] = [];
  const fromText = (path: string, text: string, strict: boolean): string | undefined => {
    const blocks = text.match(PEM_CERT) ?? [];
    for (const b of blocks) {
      try {
        new X509Certificate(b);
      } catch (err) {
        if (strict) return `Failed to configure CA certificate(s) file/directory: ${path}: ${reason(err)}`;
        continue;
      }
      out.push(b);
    }
    if (strict && blocks.length === 0) return `Failed to configure CA certificate(s) file/directory: ${path}: no certificate found`;
    return undefined;
  };
  if (file !== '') {
    let text: string;
    try {
      text = readFileSync(file, 'latin1');
    } catch (err) {
      return { error: `Failed to configure CA certificate(s) file/directory: ${file}: ${reason(err)}` };
    }
    const e = fromText(file, text, true);
    if (e !== undefined) return { error: e };
  }
  if (dir !== '') {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      return { error: `Failed to configure CA certificate(s) file/directory: ${dir}: ${reason(err)}` };
    }
    const before = out.length;
    for (const name of names) {
      const path = join(dir, name);
      try {
        if (!statSync(path).isFile()) continue;
        fromText(path, readFileSync(path, 'latin1'), false);
      } catch {
        // unreadable entries are skipped, as OpenSSL's directory lookup does
      }
    }
    if (out.length === before && file === '')
      return { error: `Failed to configure CA certificate(s) file/directory: ${dir}: no certificate found` };
  }
  return out;
}

interface Identity {
  cert: Buffer;
  key: Buffer;
  passphrase: string;
  validTo: string;
}

/** Read and check a certificate/key pair; errors name the file, as Redis's log lines do. */
function loadIdentity(certFile: string, keyFile: string, pass: string): Identity | { error: string } {
  let cert: Buffer;
  let x509: X509Certificate;
  try {
    cert = readFileSync(certFile);
    x509 = new X509Certificate(cert);
  } catch (err) {
    return { error: `Failed to load certificate: ${certFile}: ${reason(err)}` };
  }
  let key: Buffer;
  let keyObject: KeyObject;
  try {
    key = readFileSync(keyFile);
    keyObject = createPrivateKey({ key, format: 'pem', ...(pass !== '' ? { passphrase: pass } : {}) });
  } catch (err) {
    return { error: `Failed to load private key: ${keyFile}: ${reason(err)}` };
  }
  if (!x509.checkPrivateKey(keyObject)) {
    return { error: `Failed to load private key: ${keyFile}: key values mismatch (the key does not belong to ${certFile})` };
  }
  return { cert, key, passphrase: pass, validTo: x509.validTo };
}

/**
 * Build a TlsContext from settings, or explain why not. Never throws for a bad file or value; never changes
 * anything outside the returned object.
 */
export function loadTlsContext(settings: TlsSettings): TlsContextResult {
  const s: Readonly<TlsSettings> = Object.freeze({ ...settings });
  if (s.certFile === '') return { ok: false, error: 'No tls-cert-file configured!' };
  if (s.keyFile === '') return { ok: false, error: 'No tls-key-file configured!' };
  if (s.authClients !== 'no' && s.caCertFile === '' && s.caCertDir === '') {
    return {
      ok: false,
      error: 'Either tls-ca-cert-file or tls-ca-cert-dir must be specified when tls-cluster, tls-replication or tls-auth-clients are enabled!',
    };
  }
  const range = parseProtocols(s.protocols);
  if ('error' in range) return { ok: false, error: range.error };

  const server = loadIdentity(s.certFile, s.keyFile, s.keyFilePass);
  if ('error' in server) return { ok: false, error: server.error };
  let client: Identity | null = null;
  if (s.clientCertFile !== '' && s.clientKeyFile !== '') {
    const c = loadIdentity(s.clientCertFile, s.clientKeyFile, s.clientKeyFilePass);
    if ('error' in c) return { ok: false, error: c.error };
    client = c;
  }
  let ca: string[] | undefined;
  if (s.caCertFile !== '' || s.caCertDir !== '') {
    const r = loadCaCerts(s.caCertFile, s.caCertDir);
    if (!Array.isArray(r)) return { ok: false, error: r.error };
    ca = r;
  }

  let dhparam: Buffer | undefined;
  if (s.dhParamsFile !== '') {
    try {
      dhparam = readFileSync(s.dhParamsFile);
    } catch (err) {
      return { ok: false, error: `Failed to load ${s.dhParamsFile}: ${reason(err)}` };
    }
  }

  const ciphers = `${s.ciphersuites !== '' ? s.ciphersuites : DEFAULT_13}:${s.ciphers !== '' ? s.ciphers : DEFAULT_12}`;
  const secureOptions =
    range.secureOptions |
    constants.SSL_OP_NO_RENEGOTIATION |
    (s.sessionCaching ? 0 : constants.SSL_OP_NO_TICKET) |
    (s.preferServerCiphers ? constants.SSL_OP_CIPHER_SERVER_PREFERENCE : 0);
  const common: SecureContextOptions = {
    minVersion: range.minVersion,
    maxVersion: range.maxVersion,
    ciphers,
    secureOptions,
    honorCipherOrder: s.preferServerCiphers,
    ...(ca !== undefined ? { ca } : {}),
    ...(dhparam !== undefined ? { dhparam } : {}),
  };
  const serverSide: SecureContextOptions = {
    ...common,
    cert: server.cert,
    key: server.key,
    ...(server.passphrase !== '' ? { passphrase: server.passphrase } : {}),
    sessionIdContext: 'redis',
    ...(s.sessionCaching ? { sessionTimeout: s.sessionCacheTimeout } : {}),
  };
  let secureContext: SecureContext;
  let clientContext: SecureContext;
  try {
    secureContext = createSecureContext(serverSide);
    const id = client ?? server;
    clientContext = createSecureContext({
      ...common,
      cert: id.cert,
      key: id.key,
      ...(id.passphrase !== '' ? { passphrase: id.passphrase } : {}),
    });
  } catch (err) {
    const msg = reason(err);
    if (dhparam !== undefined && /dh/i.test(msg)) return { ok: false, error: `Failed to load DH params file: ${s.dhParamsFile}: ${msg}` };
    if (/cipher/i.test(msg)) {
      return { ok: false, error: `Failed to configure ciphers: ${s.ciphers}${s.ciphersuites !== '' ? ` / ciphersuites: ${s.ciphersuites}` : ''}: ${msg}` };
    }
    return { ok: false, error: `Failed to configure TLS: ${msg}` };
  }
  return {
    ok: true,
    context: {
      settings: s,
      secureContext,
      serverOptions: Object.freeze({ ...serverSide, requestCert: s.authClients !== 'no', rejectUnauthorized: s.authClients === 'yes' }),
      clientContext,
      requestCert: s.authClients !== 'no',
      rejectUnauthorized: s.authClients === 'yes',
      certValidTo: server.validTo,
    },
  };
}

/** loadTlsContext for start-up, where a bad file must stop the server: throws TlsConfigError with the reason. */
export function loadTlsContextOrThrow(settings: TlsSettings): TlsContext {
  const r = loadTlsContext(settings);
  if (!r.ok) throw new TlsConfigError(r.error);
  return r.context;
}
