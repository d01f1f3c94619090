// encodeCommand: exact multibulk bytes for strings, numbers and Buffers.
import { describe, expect, it } from 'vitest';
import { encodeCommand } from './index.js';

describe('encodeCommand', () => {
  it('encodes strings (utf8 by default), numbers and Buffers', () => {
    expect(encodeCommand(['SET', 'k', 12]).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n12\r\n');
    expect(encodeCommand(['ECHO', 'é']).toString('latin1')).toBe('*2\r\n$4\r\nECHO\r\n$2\r\n\xc3\xa9\r\n');
    expect(encodeCommand(['ECHO', 'é'], 'latin1').toString('latin1')).toBe('*2\r\n$4\r\nECHO\r\n$1\r\n\xe9\r\n');
    expect(encodeCommand(['X', Buffer.from([0, 13, 10]), '']).toString('latin1')).toBe('*3\r\n$1\r\nX\r\n$3\r\n\x00\r\n\r\n$0\r\n\r\n');
  });
});
