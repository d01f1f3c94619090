// encodeCommand: a command as RESP multibulk bytes, for clients and tests.

/** `*N\r\n$len\r\narg\r\n...`; strings are encoded as `encoding` (default utf8), numbers as decimal text. */
export function encodeCommand(args: (string | Buffer | number)[], encoding: 'utf8' | 'latin1' = 'utf8'): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  for (const a of args) {
    const b = Buffer.isBuffer(a) ? a : Buffer.from(typeof a === 'number' ? String(a) : a, encoding);
    parts.push(b);
    total += b.length + 16;
  }
  const out = Buffer.allocUnsafe(total + 16);
  let p = out.write(`*${args.length}\r\n`, 0, 'latin1');
  for (const b of parts) {
    p += out.write(`$${b.length}\r\n`, p, 'latin1');
    p += b.copy(out, p);
    out[p++] = 13;
    out[p++] = 10;
  }
  return out.subarray(0, p);
}
