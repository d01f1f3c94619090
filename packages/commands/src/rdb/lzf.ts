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

/**
 * LZF compression (output readable by Redis's lzf_decompress): greedy matching over a hash of 3-byte sequences,
 * back references up to 8192 bytes away and 264 bytes long, literal runs of at most 32 bytes. Returns null when
 * the result would not be shorter than `maxOut` bytes.
 */
export function lzfCompress(input: Uint8Array, maxOut: number): Buffer | null {
  const n = input.length;
  if (n < 4) return null;
  const out = Buffer.allocUnsafe(maxOut + 40);
  const table = new Int32Array(1 << 14).fill(-1);
  let op = 0;
  let litStart = 0; // first byte of the pending literal run
  const flushLiterals = (end: number): boolean => {
    let p = litStart;
    while (p < end) {
      const len = Math.min(32, end - p);
      if (op + 1 + len > maxOut) return false;
      out[op++] = len - 1;
      for (let k = 0; k < len; k++) out[op++] = input[p++]!;
    }
    return true;
  };
  let ip = 0;
  while (ip + 2 < n) {
    const slot = Math.imul((input[ip]! << 16) | (input[ip + 1]! << 8) | input[ip + 2]!, 0x9e3779b1) >>> 18;
    const ref = table[slot]!;
    table[slot] = ip;
    const off = ip - ref - 1;
    if (ref >= 0 && off < 8192 && input[ref] === input[ip] && input[ref + 1] === input[ip + 1] && input[ref + 2] === input[ip + 2]) {
      let len = 3;
      const maxLen = Math.min(264, n - ip);
      while (len < maxLen && input[ref + len] === input[ip + len]) len++;
      if (!flushLiterals(ip)) return null;
      const l = len - 2;
      if (op + 3 > maxOut) return null;
      if (l < 7) out[op++] = (l << 5) | (off >> 8);
      else {
        out[op++] = (7 << 5) | (off >> 8);
        out[op++] = l - 7;
      }
      out[op++] = off & 0xff;
      ip += len;
      litStart = ip;
      continue;
    }
    ip++;
  }
  if (!flushLiterals(n)) return null;
  return op < maxOut ? out.subarray(0, op) : null;
}
