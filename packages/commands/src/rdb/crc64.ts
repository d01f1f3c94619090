// CRC-64/Jones as Redis computes it for RDB files and DUMP payloads (reflected polynomial 0x95ac9329ac4bc9b5,
// init 0, no final xor; crc64("123456789") = 0xe9c6d914c4b8d9ca). Kept as two 32-bit halves for speed.
const POLY = 0x95ac9329ac4bc9b5n;
const TLO = new Uint32Array(256);
const THI = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let c = BigInt(i);
  for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ POLY : c >> 1n;
  TLO[i] = Number(c & 0xffffffffn);
  THI[i] = Number(c >> 32n);
}

/** CRC-64 of `buf[start, end)`, continuing from `crc` (0 to start). */
export function crc64(buf: Uint8Array, start = 0, end = buf.length, crc = 0n): bigint {
  let lo = Number(crc & 0xffffffffn);
  let hi = Number(crc >> 32n);
  for (let i = start; i < end; i++) {
    const idx = (lo ^ buf[i]!) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ TLO[idx]!) >>> 0;
    hi = ((hi >>> 8) ^ THI[idx]!) >>> 0;
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}
