// SocketConnection: the Connection implementation over a node:net Socket (TCP and Unix; TLSSocket works too,
// since it is a net.Socket). Owns the output queue, the handler references that defer close(), and the mapping
// from socket events to handlers. Invariant: after `closed` is true no write reaches the socket except the
// queued output of closeAfterFlush; the close handler runs once, after the socket emitted 'close'.
import type { Socket } from 'node:net';
import type { Connection, ConnectionType } from './connection.js';
import type { EventLoop } from './event-loop.js';
import { formatAddress, formatUnixAddress } from './address.js';
import { checkOwner } from './ownership.js';

/** Above this many queued bytes, several buffers go out as one writev instead of one concatenated copy. */
export const CONCAT_LIMIT = 64 * 1024;

export class SocketConnection implements Connection {
  readonly type: ConnectionType;
  readonly ownerThread: number;
  readonly remoteAddress: string;
  readonly localAddress: string;
  readonly fd: number;
  lastError: Error | null = null;

  /** @internal set while the connection sits in the loop's flush list */
  _inFlushList = false;

  private readonly loop: EventLoop;
  private readonly socket: Socket;
  private readHandler: ((chunk: Buffer) => void) | null = null;
  private closeHandler: (() => void) | null = null;
  private writeHandler: (() => void) | null = null;
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  /** Handlers currently running on the stack for this connection. */
  private refs = 0;
  private closedFlag = false;
  /** close() was called inside a handler: destroy when the last reference is dropped. */
  private destroyPending = false;
  /** Flush, then end the socket, at the next flush pass (closeAfterFlush or peer half-close). */
  private endPending = false;
  private ended = false;
  private gone = false;
  private paused = true;

  constructor(loop: EventLoop, socket: Socket, type: ConnectionType, unixPath?: string) {
    this.loop = loop;
    this.socket = socket;
    this.type = type;
    this.ownerThread = loop.ownerThread;
    if (unixPath !== undefined) {
      this.remoteAddress = formatUnixAddress(unixPath);
      this.localAddress = this.remoteAddress;
    } else {
      this.remoteAddress = formatAddress(socket.remoteAddress, socket.remotePort);
      this.localAddress = formatAddress(socket.localAddress, socket.localPort);
    }
    const handle = (socket as unknown as { _handle?: { fd?: unknown } | null })._handle;
    this.fd = handle !== null && handle !== undefined && typeof handle.fd === 'number' ? handle.fd : -1;
    socket.pause();
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('drain', this.onDrain);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get pendingWriteBytes(): number {
    return this.queuedBytes + (this.gone ? 0 : this.socket.writableLength);
  }

  // ---- Handlers ----

  setReadHandler(h: ((chunk: Buffer) => void) | null): void {
    checkOwner(this.ownerThread, 'Connection.setReadHandler');
    this.readHandler = h;
    if (h === null) {
      if (!this.paused) {
        this.paused = true;
        this.socket.pause();
      }
    } else if (this.paused && !this.closedFlag) {
      this.paused = false;
      this.socket.resume();
    }
  }

  setCloseHandler(h: (() => void) | null): void {
    checkOwner(this.ownerThread, 'Connection.setCloseHandler');
    this.closeHandler = h;
  }

  setWriteHandler(h: (() => void) | null): void {
    checkOwner(this.ownerThread, 'Connection.setWriteHandler');
    this.writeHandler = h;
  }

  // ---- Output ----

  write(data: Buffer): void {
    checkOwner(this.ownerThread, 'Connection.write');
    if (this.closedFlag || data.length === 0) return;
    this.queue.push(data);
    this.queuedBytes += data.length;
    if (!this._inFlushList) this.loop._queueFlush(this);
  }

  flush(): void {
    checkOwner(this.ownerThread, 'Connection.flush');
    this._flushQueued();
  }

  /** @internal Write the queue to the socket (one write or one writev); end the socket if that was asked for. */
  _flushQueued(): void {
    const q = this.queue;
    const n = q.length;
    if (n > 0) {
      const sock = this.socket;
      const bytes = this.queuedBytes;
      this.queue = n > 16 ? [] : q;
      this.queuedBytes = 0;
      if (this.gone || this.ended || sock.destroyed || !sock.writable) {
        q.length = 0;
      } else {
        if (n === 1) {
          sock.write(q[0] as Buffer);
        } else if (bytes <= CONCAT_LIMIT) {
          const out = Buffer.allocUnsafe(bytes);
          let off = 0;
          for (let i = 0; i < n; i++) {
            const b = q[i] as Buffer;
            b.copy(out, off);
            off += b.length;
          }
          sock.write(out);
        } else {
          sock.cork();
          for (let i = 0; i < n; i++) sock.write(q[i] as Buffer);
          sock.uncork();
        }
        q.length = 0;
        this.loop.writesProcessed++;
      }
    }
    if (this.endPending && this.refs === 0) this.endNow();
  }

  // ---- Closing ----

  close(): void {
    checkOwner(this.ownerThread, 'Connection.close');
    this.closedFlag = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.endPending = false;
    if (this.refs > 0) {
      this.destroyPending = true;
      return;
    }
    this.destroyNow();
  }

  closeAfterFlush(): void {
    checkOwner(this.ownerThread, 'Connection.closeAfterFlush');
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.requestEnd();
  }

  setNoDelay(b: boolean): void {
    checkOwner(this.ownerThread, 'Connection.setNoDelay');
    if (this.type !== 'unix' && !this.gone) this.socket.setNoDelay(b);
  }

  setKeepAlive(enable: boolean, delaySec: number): void {
    checkOwner(this.ownerThread, 'Connection.setKeepAlive');
    if (this.type !== 'unix' && !this.gone) this.socket.setKeepAlive(enable, Math.max(0, delaySec) * 1000);
  }

  private requestEnd(): void {
    this.endPending = true;
    if (!this._inFlushList) this.loop._queueFlush(this);
  }

  private endNow(): void {
    this.endPending = false;
    if (this.ended || this.gone) return;
    this.ended = true;
    this.closedFlag = true;
    const sock = this.socket;
    if (!this.paused) {
      this.paused = true;
      sock.pause();
    }
    if (sock.destroyed) return;
    if (sock.writableFinished || !sock.writable) {
      sock.destroy();
      return;
    }
    sock.once('finish', this.onFinish);
    sock.end();
  }

  private destroyNow(): void {
    this.destroyPending = false;
    if (this.gone) return;
    this.ended = true;
    this.socket.destroy();
  }

  /** Drop a handler reference; run a close that was asked for while handlers were on the stack. */
  private release(): void {
    if (--this.refs === 0) {
      if (this.destroyPending) this.destroyNow();
      else if (this.endPending && !this._inFlushList) this.loop._queueFlush(this);
    }
  }

  // ---- Socket events (always on the owner thread) ----

  private readonly onData = (chunk: Buffer): void => {
    const h = this.readHandler;
    if (this.closedFlag) return;
    if (h === null) {
      // Reading was turned off while this chunk was already on its way: keep it for when reading resumes.
      this.socket.unshift(chunk);
      return;
    }
    const loop = this.loop;
    if (!loop._turnActive) loop._beginTurn();
    loop.readsProcessed++;
    this.refs++;
    try {
      h(chunk);
    } finally {
      this.release();
    }
  };

  private readonly onEnd = (): void => {
    // The peer half-closed. Replies already produced this turn still go out, then the socket is closed.
    if (this.gone || this.ended) return;
    if (!this.loop._turnActive) this.loop._beginTurn();
    this.requestEnd();
  };

  private readonly onDrain = (): void => {
    const h = this.writeHandler;
    if (h === null || this.gone) return;
    if (!this.loop._turnActive) this.loop._beginTurn();
    this.refs++;
    try {
      h();
    } finally {
      this.release();
    }
  };

  private readonly onError = (err: Error): void => {
    this.lastError = err;
  };

  private readonly onFinish = (): void => {
    if (!this.socket.destroyed) this.socket.destroy();
  };

  private readonly onClose = (): void => {
    if (this.gone) return;
    this.gone = true;
    this.closedFlag = true;
    this.ended = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.loop._connectionGone(this);
    const h = this.closeHandler;
    this.closeHandler = null;
    if (h === null) return;
    if (!this.loop._turnActive) this.loop._beginTurn();
    this.refs++;
    try {
      h();
    } finally {
      this.refs--;
    }
  };
}
