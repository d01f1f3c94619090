// LZF decompression (the format Redis uses for compressed strings in RDB files and DUMP payloads). Returns null
// when the input is malformed or does not expand to exactly `outLen` bytes.
export function lzfDecompress(input: Uint8Array, outLen: number): Buffer | null {
  const out = Buffer.allocUnsafe(outLen);
  let ip = 0;
  let op = 0;
  const n = input.length;
  while (ip < n) {
    const ctrl = input[ip++]!;
    if (ctrl < 32) {
      const len = ctrl + 1;
      if (op + len > outLen || ip + len > n) return null;
      for (let k = 0; k < len; k++) out[op++] = input[ip++]!;
    } else {
      let len = ctrl >> 5;
      if (ip >= n) return null;
      if (len === 7) {
        len += input[ip++]!;
        if (ip >= n) return null;
      }
      const ref = op - ((ctrl & 0x1f) << 8) - input[ip++]! - 1;
      len += 2;
      if (ref < 0 || op + len > outLen) return null;
      for (let k = 0; k < len; k++) out[op++] = out[ref + k]!;
    }
  }
  return op === outLen ? out : null;
}
