// Typed access to Node's fast latin1 Buffer methods (present on every Buffer in Node >= 12, absent from
// @types/node). Kept in one place so the rest of the package stays free of casts.

export interface FastBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  latin1Write(s: string, offset: number, length: number): number;
  utf8Slice(start: number, end: number): string;
}

export function fast(b: Buffer): FastBuffer {
  return b as FastBuffer;
}
