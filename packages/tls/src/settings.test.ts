import { constants } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TLS_SETTINGS, parseProtocols } from './settings.js';

describe('parseProtocols', () => {
  it('defaults to TLSv1.2 and TLSv1.3 when empty, as Redis', () => {
    expect(parseProtocols('')).toEqual({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', secureOptions: 0 });
  });

  it('takes names case-insensitively and turns gaps into SSL_OP_NO_* bits', () => {
    expect(parseProtocols('tlsv1.3')).toEqual({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', secureOptions: 0 });
    expect(parseProtocols('TLSv1.1 TLSv1.3')).toEqual({
      minVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.3',
      secureOptions: constants.SSL_OP_NO_TLSv1_2,
    });
  });

  it('rejects unknown names with Redis text', () => {
    expect(parseProtocols('TLSv1.2 SSLv3')).toEqual({
      error: "Invalid tls-protocols specified. Use a combination of 'TLSv1', 'TLSv1.1', 'TLSv1.2' and 'TLSv1.3'.",
    });
  });

  it('has Redis 7.0 defaults', () => {
    expect(DEFAULT_TLS_SETTINGS.authClients).toBe('yes');
    expect(DEFAULT_TLS_SETTINGS.sessionCacheSize).toBe(20480);
    expect(DEFAULT_TLS_SETTINGS.sessionCacheTimeout).toBe(300);
    expect(DEFAULT_TLS_SETTINGS.sessionCaching).toBe(true);
  });
});
