// TlsSettings: the tls-* directives as plain, structured-cloneable values (so an IO worker thread can be handed
// the same settings and build its own context), their Redis 7.0 defaults, and the parsing of `tls-protocols`.
// Hard-codes Redis's protocol names (`TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`, case-insensitive).
import { constants } from 'node:crypto';

/** `tls-auth-clients`: `yes` requires a valid client certificate, `optional` verifies one if sent, `no` asks none. */
export type AuthClients = 'yes' | 'no' | 'optional';

export interface TlsSettings {
  /** `tls-cert-file`: the server certificate (PEM, may hold the chain). */
  certFile: string;
  /** `tls-key-file`: the server private key (PEM). */
  keyFile: string;
  /** `tls-key-file-pass`: passphrase of an encrypted key ('' = none). */
  keyFilePass: string;
  /** `tls-client-cert-file` / `tls-client-key-file` / `-pass`: the identity used when this server dials out. */
  clientCertFile: string;
  clientKeyFile: string;
  clientKeyFilePass: string;
  /** `tls-ca-cert-file` / `tls-ca-cert-dir`: the CA(s) that client certificates must chain to. */
  caCertFile: string;
  caCertDir: string;
  /** `tls-dh-params-file`: DH parameters (PEM) for DHE ciphers; '' = none (ECDHE only). */
  dhParamsFile: string;
  authClients: AuthClients;
  /** `tls-protocols`: space separated; '' means Redis's default `TLSv1.2 TLSv1.3`. */
  protocols: string;
  /** `tls-ciphers` (TLSv1.2 and below, OpenSSL cipher list) and `tls-ciphersuites` (TLSv1.3); '' = Node's defaults. */
  ciphers: string;
  ciphersuites: string;
  preferServerCiphers: boolean;
  sessionCaching: boolean;
  sessionCacheSize: number;
  /** Seconds. */
  sessionCacheTimeout: number;
}

/** Redis 7.0's defaults for every tls-* directive. */
export const DEFAULT_TLS_SETTINGS: Readonly<TlsSettings> = Object.freeze({
  certFile: '',
  keyFile: '',
  keyFilePass: '',
  clientCertFile: '',
  clientKeyFile: '',
  clientKeyFilePass: '',
  caCertFile: '',
  caCertDir: '',
  dhParamsFile: '',
  authClients: 'yes',
  protocols: '',
  ciphers: '',
  ciphersuites: '',
  preferServerCiphers: false,
  sessionCaching: true,
  sessionCacheSize: 20480,
  sessionCacheTimeout: 300,
});

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

const VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const NO_FLAGS: readonly number[] = [
  constants.SSL_OP_NO_TLSv1,
  constants.SSL_OP_NO_TLSv1_1,
  constants.SSL_OP_NO_TLSv1_2,
  constants.SSL_OP_NO_TLSv1_3,
];

export interface ProtocolRange {
  minVersion: TlsVersion;
  maxVersion: TlsVersion;
  /** SSL_OP_NO_* bits for versions inside [min, max] that were not asked for (a set with gaps). */
  secureOptions: number;
}

/** Parse `tls-protocols` as Redis does: '' is `TLSv1.2 TLSv1.3`; an unknown name is an error value. */
export function parseProtocols(spec: string): ProtocolRange | { error: string } {
  const words = spec.split(' ').filter((w) => w !== '');
  if (words.length === 0) return { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', secureOptions: 0 };
  const wanted = new Set<number>();
  for (const w of words) {
    const i = VERSIONS.findIndex((v) => v.toLowerCase() === w.toLowerCase());
    if (i < 0) return { error: "Invalid tls-protocols specified. Use a combination of 'TLSv1', 'TLSv1.1', 'TLSv1.2' and 'TLSv1.3'." };
    wanted.add(i);
  }
  const sorted = [...wanted].sort((a, b) => a - b);
  const lo = sorted[0] as number;
  const hi = sorted[sorted.length - 1] as number;
  let secureOptions = 0;
  for (let i = lo; i <= hi; i++) if (!wanted.has(i)) secureOptions |= NO_FLAGS[i] as number;
  return { minVersion: VERSIONS[lo] as TlsVersion, maxVersion: VERSIONS[hi] as TlsVersion, secureOptions };
}
