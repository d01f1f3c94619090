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

/**
 * A Uint8Array subclass whose instances are Buffers in every observable way (Buffer.prototype methods,
 * Buffer.isBuffer, instanceof, constructor, species) but are created without TypedArray#subarray's species
 * lookup, which makes a view about twice as cheap.
 */
class BufferView extends Uint8Array {
  constructor(ab: ArrayBuffer, offset: number, length: number) {
    super(ab, offset, length);
  }
}
Object.setPrototypeOf(BufferView.prototype, Object.getPrototypeOf(Buffer.alloc(0)) as object);
Object.defineProperty(BufferView.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });

/** A Buffer sharing memory with buf[start, end) (like buf.subarray(start, end), with 0 <= start <= end <= length). */
export function view(buf: Buffer, start: number, end: number): Buffer {
  return new BufferView(buf.buffer as ArrayBuffer, buf.byteOffset + start, end - start) as unknown as Buffer;
}

/**
 * A Buffer over ab[byteOffset, byteOffset + length). Reading `buf.buffer` and `buf.byteOffset` costs about as much
 * as creating the view, so a caller making many views of one Buffer reads them once and uses this.
 */
export function viewOf(ab: ArrayBuffer, byteOffset: number, length: number): Buffer {
  return new BufferView(ab, byteOffset, length) as unknown as Buffer;
}
