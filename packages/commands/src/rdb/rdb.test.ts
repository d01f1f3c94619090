// Unit tests of the RDB building blocks: CRC-64 (Redis's check value), LZF decoding, listpack integer/string
// encodings read back, intset widths, and a stream payload from a Redis 6.x instance (pre-7.0 stream type, LZF).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { crc64 } from './crc64.js';
import { ListpackWriter, readIntset, readListpack, writeIntset } from './listpack.js';
import { lzfCompress, lzfDecompress } from './lzf.js';

describe('rdb codec', () => {
  it('crc64 matches Redis (crc64("123456789") = e9c6d914c4b8d9ca)', () => {
    expect(crc64(Buffer.from('123456789')).toString(16)).toBe('e9c6d914c4b8d9ca');
    expect(crc64(Buffer.alloc(0))).toBe(0n);
  });

  it('lzf: literals and back references; malformed input is refused', () => {
    // "abcabcabc": literal run "abc" then a back reference of length 6 at distance 3
    expect(lzfDecompress(Buffer.from([2, 97, 98, 99, 0x80, 2]), 9)?.toString()).toBe('abcabcabc');
    expect(lzfDecompress(Buffer.from([2, 97, 98, 99, 0x80, 9]), 9)).toBeNull();
    expect(lzfDecompress(Buffer.from([5, 97]), 6)).toBeNull();
  });

  it('listpack: every integer width and string length reads back', () => {
    const vals = ['0', '127', '128', '-1', '4095', '-4096', '4096', '32767', '-32768', '8388607', '-8388608', '2147483647', '-2147483648',
      '9223372036854775807', '-9223372036854775808', '9223372036854775808', '01', '-0', '', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(4095), 'w'.repeat(5000)];
    const w = new ListpackWriter();
    for (const v of vals) w.push(v);
    expect(readListpack(w.finish())).toEqual(vals);
  });

  it('intset picks the narrowest width and sorts', () => {
    expect(readIntset(writeIntset(['3', '-1', '2']))).toEqual(['-1', '2', '3']);
    expect(writeIntset(['1', '70000']).readUInt32LE(0)).toBe(4);
    expect(readIntset(writeIntset(['1', '-9223372036854775808']))).toEqual(['-9223372036854775808', '1']);
  });

  it('RESTORE loads a Redis 6.x stream payload (type 15, LZF listpack) with its groups', () => {
    const payload = Buffer.from(
      '0f011000000000000000010000000000000000c3404a4057165700000023000201040101018464617461050001030100200103816102042' +
        '00a000140' + '0a00626' + '00a0002400a0063600a402201816420' + '0a40392' + '00a0065600a0005400a0066200a00ff02060002026731050004000000000000000100000000000000003ef783437a0100000100000000000000020000000000000000' +
        '3ef783437a0100000100000000000000040000000000000000' + '3ef783437a0100000100000000000000050000000000000000' + '3ef783437a010000010103633131' +
        '3ef783437a01000004000000000000000100000000000000000000000000000002000000000000000000000000000000040000000000000000000000000000000500000000000000000267320000000009003d52ef6867521dfa',
      'hex',
    );
    const e = createEngine();
    const c = e.createClient();
    expect(e.run(c, ['RESTORE', 'x', '0', payload.toString('latin1')]).toString()).toBe('+OK\r\n');
    expect(e.run(c, ['XRANGE', 'x', '-', '+']).toString()).toBe('*2\r\n*2\r\n$3\r\n5-0\r\n*2\r\n$4\r\ndata\r\n$1\r\ne\r\n*2\r\n$3\r\n6-0\r\n*2\r\n$4\r\ndata\r\n$1\r\nf\r\n');
    const groups = e.run(c, ['XINFO', 'GROUPS', 'x']).toString();
    expect(groups).toContain('$2\r\ng1\r\n$9\r\nconsumers\r\n:1\r\n$7\r\npending\r\n:4\r\n');
    expect(groups).toContain('$12\r\nentries-read\r\n:1\r\n$3\r\nlag\r\n:1\r\n');
    expect(groups).toContain('$12\r\nentries-read\r\n:0\r\n$3\r\nlag\r\n:2\r\n');
  });
});

describe('lzf compression', () => {
  it('round-trips repetitive, random and long inputs; refuses when nothing is saved', () => {
    const inputs = [
      Buffer.from('x'.repeat(300) + 'y'.repeat(300)),
      Buffer.from('abcabcabcabcabcabcabcabc-the quick brown fox jumps over the lazy dog-abcabcabc'),
      Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 251)),
      Buffer.from(Array.from({ length: 5000 }, (_, i) => `k${i % 97}`).join(',')),
    ];
    for (const b of inputs) {
      const c = lzfCompress(b, b.length - 4);
      if (c === null) continue;
      expect(c.length).toBeLessThan(b.length - 4);
      expect(lzfDecompress(c, b.length)?.equals(b)).toBe(true);
    }
    expect(lzfCompress(inputs[0]!, inputs[0]!.length - 4)!.length).toBeLessThan(40);
    const random = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 193 + 77) & 0xff));
    expect(lzfCompress(random, random.length - 4)).toBeNull();
  });
});
