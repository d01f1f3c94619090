// The Connection interface: what the server sees of one client socket, whatever carries it (TCP, Unix, TLS).
// Output is queued by write() and leaves in one socket write per loop turn (beforeSleep); input is pushed to the
// read handler; handlers run under a reference so a close() from inside one is deferred until it returns.
// Every mutating member is owner-thread checked (OwnershipError, nothing changed).

export type ConnectionType = 'tcp' | 'unix' | 'tls';

export interface Connection {
  readonly type: ConnectionType;
  /** The thread that owns this connection; only it may call the mutating members. */
  readonly ownerThread: number;
  /** Peer address as Redis prints it in CLIENT LIST `addr=`: `ip:port`, `[ipv6]:port`, or `/path:0` for Unix. */
  readonly remoteAddress: string;
  /** Local address as in CLIENT LIST `laddr=`. */
  readonly localAddress: string;
  /** The OS file descriptor, or -1 when unknown. */
  readonly fd: number;

  /** Deliver input chunks to `h`; `null` stops reading (the socket is paused, TCP backpressure reaches the peer). */
  setReadHandler(h: ((chunk: Buffer) => void) | null): void;
  /** Called exactly once, asynchronously, when the socket is gone: peer closed, error, or close() completed. */
  setCloseHandler(h: (() => void) | null): void;
  /** Called when output that had backed up in the socket has drained (writable interest). */
  setWriteHandler(h: (() => void) | null): void;

  /**
   * Queue `data` for the peer; it is flushed in the loop's beforeSleep (or by flush()). The buffer is handed over:
   * the caller must not modify it afterwards. Ignored once the connection is closed or closing.
   */
  write(data: Buffer): void;
  /** Write queued data to the socket now, in one write (or one writev). */
  flush(): void;
  /** Bytes queued here plus bytes buffered in the socket not yet taken by the kernel. */
  readonly pendingWriteBytes: number;

  /** Close now, dropping queued output; deferred until the current handler returns if called from inside one. */
  close(): void;
  /** Stop accepting writes, flush what is queued (at the end of this loop turn), then close. */
  closeAfterFlush(): void;
  /** True once close() or closeAfterFlush() was called, or the socket is gone. Writes are then ignored. */
  readonly closed: boolean;
  /** The last socket error seen (ECONNRESET, EPIPE, ...), or null. */
  lastError: Error | null;

  setNoDelay(b: boolean): void;
  setKeepAlive(enable: boolean, delaySec: number): void;
}
