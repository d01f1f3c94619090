// Address strings exactly as Redis prints them in CLIENT LIST addr=/laddr=.
import { describe, expect, it } from 'vitest';
import { formatAddress, formatUnixAddress } from './index.js';

describe('formatAddress', () => {
  it('formats IPv4 as ip:port', () => {
    expect(formatAddress('127.0.0.1', 6379)).toBe('127.0.0.1:6379');
  });
  it('brackets IPv6 as Redis does', () => {
    expect(formatAddress('::1', 40000)).toBe('[::1]:40000');
    expect(formatAddress('fe80::1', 1)).toBe('[fe80::1]:1');
  });
  it('shows IPv4-mapped IPv6 peers as plain IPv4', () => {
    expect(formatAddress('::ffff:10.0.0.2', 5000)).toBe('10.0.0.2:5000');
  });
  it('uses ?:0 when the address is unknown', () => {
    expect(formatAddress(undefined, undefined)).toBe('?:0');
  });
  it('formats Unix sockets as path:0', () => {
    expect(formatUnixAddress('/tmp/redis.sock')).toBe('/tmp/redis.sock:0');
  });
});
