// EventLoop: an ae-style loop riding on Node's own. A "turn" is the I/O callbacks of one poll phase (plus any
// timers that fired): the first piece of work in a turn runs the afterSleep hooks and schedules one setImmediate,
// which runs the beforeSleep hooks and then flushes every connection's queued output (one write per connection).
// Owns listeners and time events. Every mutating entry point is owner-thread checked (OwnershipError).
import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { Connection, ConnectionType } from './connection.js';
import { checkOwner, currentThread } from './ownership.js';
import { SocketConnection } from './socket-connection.js';
import { TimeEvents } from './time-events.js';

export interface EventLoopOptions {
  /** A name for logs and error messages. */
  name?: string;
}

export interface Listener {
  /** The bound TCP port (the real one when 0 was asked for); 0 for a Unix socket. */
  readonly port: number;
  /** The bound host, '' for a Unix socket. */
  readonly host: string;
  /** The socket path of a Unix listener. */
  readonly path?: string;
  /** The last accept error seen (EMFILE, ...), or null. */
  readonly lastError: Error | null;
  /** The listening socket's file descriptor (what IO threads duplicate to accept too), -1 when unknown. */
  readonly fd?: number;
  /** Stop accepting. Connections already accepted stay open. Resolves once the listening socket is closed. */
  close(): Promise<void>;
}

export interface TcpListenOptions {
  host: string;
  port: number;
  backlog?: number;
}

export interface UnixListenOptions {
  path: string;
  /** File mode of the socket file (Redis `unixsocketperm`), e.g. 0o700. */
  perm?: number;
  backlog?: number;
}

export interface TimeEventOptions {
  /** Do not keep the process alive for this event alone. */
  unref?: boolean;
}

class NetListener implements Listener {
  port = 0;
  host = '';
  fd = -1;
  readonly path?: string;
  lastError: Error | null = null;
  private closed = false;

  constructor(
    private readonly loop: EventLoop,
    private readonly server: Server,
    path: string | undefined,
  ) {
    if (path !== undefined) this.path = path;
  }

  close(): Promise<void> {
    this.loop.assertOwner('Listener.close');
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.loop._listenerClosed(this);
    // server.close() stops accepting at once; its callback would wait for every connection to end, so we do not.
    this.server.close();
    if (this.path !== undefined) {
      try {
        unlinkSync(this.path);
      } catch {
        // already gone
      }
    }
    return new Promise((resolve) => setImmediate(resolve));
  }
}

export class EventLoop {
  readonly name: string;
  readonly ownerThread: number;
  /** Socket reads handed to read handlers (Redis INFO `total_reads_processed`). */
  readsProcessed = 0;
  /** Socket writes (one per flushed connection per turn; Redis INFO `total_writes_processed`). */
  writesProcessed = 0;
  /** Loop turns completed (beforeSleep passes). */
  turns = 0;

  /** @internal true between the first work of a turn and the end of its beforeSleep pass */
  _turnActive = false;

  private readonly beforeSleepHooks: (() => void)[] = [];
  private readonly afterSleepHooks: (() => void)[] = [];
  private flushList: SocketConnection[] = [];
  /** The other half of the double-buffered flush list (no allocation per turn). */
  private flushSpare: SocketConnection[] = [];
  private readonly listeners = new Set<NetListener>();
  private readonly timeEvents: TimeEvents;
  private liveConnections = 0;
  private inBeforeSleep = false;
  private againRequested = false;

  constructor(opts?: EventLoopOptions) {
    this.name = opts?.name ?? 'main';
    this.ownerThread = currentThread();
    this.timeEvents = new TimeEvents({
      beforeFire: () => {
        if (!this._turnActive) this._beginTurn();
      },
      afterFire: () => undefined,
    });
  }

  /** Throw OwnershipError unless called from the thread that owns this loop. */
  assertOwner(op: string): void {
    checkOwner(this.ownerThread, op);
  }

  /** Connections accepted or adopted and not yet closed. */
  get connectionCount(): number {
    return this.liveConnections;
  }

  /** Time events currently scheduled. */
  get timeEventCount(): number {
    return this.timeEvents.size;
  }

  // ---- Time events ----

  createTimeEvent(delayMs: number, handler: () => number, opts?: TimeEventOptions): number {
    this.assertOwner('EventLoop.createTimeEvent');
    return this.timeEvents.create(delayMs, handler, opts?.unref === true);
  }

  deleteTimeEvent(id: number): boolean {
    this.assertOwner('EventLoop.deleteTimeEvent');
    return this.timeEvents.delete(id);
  }

  // ---- Hooks ----

  onBeforeSleep(fn: () => void): void {
    this.assertOwner('EventLoop.onBeforeSleep');
    this.beforeSleepHooks.push(fn);
  }

  onAfterSleep(fn: () => void): void {
    this.assertOwner('EventLoop.onAfterSleep');
    this.afterSleepHooks.push(fn);
  }

  /**
   * Make sure a beforeSleep pass runs at the end of this turn (starting a turn if none is under way).
   * Called from inside a beforeSleep hook, it asks for one more turn right after this one (Node polls I/O
   * in between without blocking); writes made by hooks need no request, they are flushed in the same pass.
   */
  requestBeforeSleep(): void {
    this.assertOwner('EventLoop.requestBeforeSleep');
    if (this.inBeforeSleep) this.againRequested = true;
    else if (!this._turnActive) this._beginTurn();
  }

  // ---- Listening ----

  listenTcp(opts: TcpListenOptions, onAccept: (conn: Connection) => void): Promise<Listener> {
    this.assertOwner('EventLoop.listenTcp');
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true, noDelay: true });
    const listener = new NetListener(this, server, undefined);
    server.on('connection', (socket: Socket) => {
      this.acceptSocket(socket, 'tcp', undefined, onAccept);
    });
    return this.startListening(server, listener, () => {
      // Like Redis, an IPv6 socket is v6-only, so `bind 0.0.0.0 ::` can hold both families on one port.
      server.listen({ host: opts.host, port: opts.port, backlog: opts.backlog ?? 511, ipv6Only: opts.host.includes(':') });
    }).then(() => {
      const addr = server.address();
      if (addr !== null && typeof addr === 'object') {
        listener.port = addr.port;
        listener.host = addr.address;
      }
      const handle = (server as unknown as { _handle?: { fd?: unknown } | null })._handle;
      if (handle !== null && handle !== undefined && typeof handle.fd === 'number') listener.fd = handle.fd;
      return listener;
    });
  }

  listenUnix(opts: UnixListenOptions, onAccept: (conn: Connection) => void): Promise<Listener> {
    this.assertOwner('EventLoop.listenUnix');
    const path = opts.path;
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true });
    const listener = new NetListener(this, server, path);
    server.on('connection', (socket: Socket) => {
      this.acceptSocket(socket, 'unix', path, onAccept);
    });
    // Like Redis: a stale socket file from an earlier run is removed before binding.
    try {
      unlinkSync(path);
    } catch {
      // nothing to remove
    }
    return this.startListening(server, listener, () => {
      server.listen({ path, backlog: opts.backlog ?? 511 });
    }).then(async () => {
      if (opts.perm !== undefined) {
        try {
          chmodSync(path, opts.perm);
        } catch (err) {
          await listener.close();
          throw err;
        }
      }
      return listener;
    });
  }

  /**
   * Wrap an already connected socket (a TLS socket, a socketpair in a test) as a Connection of this loop.
   * For 'unix', pass the socket path used in the address strings.
   */
  adopt(socket: Socket, type: ConnectionType, unixPath?: string): Connection {
    this.assertOwner('EventLoop.adopt');
    this.liveConnections++;
    return new SocketConnection(this, socket, type, unixPath);
  }

  /**
   * Close every listener and delete every time event. Open connections are left to their owner.
   * Like every guarded entry point, a call from a foreign thread throws synchronously (no rejected promise).
   */
  stop(): Promise<void> {
    this.assertOwner('EventLoop.stop');
    this.timeEvents.clear();
    return Promise.all([...this.listeners].map((l) => l.close())).then(() => undefined);
  }

  // ---- Internal: turn machinery, used by SocketConnection ----

  /** @internal Start a turn: run afterSleep hooks and schedule the beforeSleep pass. */
  _beginTurn(): void {
    this._turnActive = true;
    setImmediate(this.runBeforeSleep);
    const hooks = this.afterSleepHooks;
    for (let i = 0; i < hooks.length; i++) (hooks[i] as () => void)();
  }

  /** @internal Put a connection on this turn's flush list. */
  _queueFlush(conn: SocketConnection): void {
    conn._inFlushList = true;
    this.flushList.push(conn);
    if (!this._turnActive) this._beginTurn();
  }

  /** @internal */
  _connectionGone(_conn: SocketConnection): void {
    this.liveConnections--;
  }

  /** @internal */
  _listenerClosed(l: NetListener): void {
    this.listeners.delete(l);
  }

  private acceptSocket(
    socket: Socket,
    type: ConnectionType,
    unixPath: string | undefined,
    onAccept: (conn: Connection) => void,
  ): void {
    if (!this._turnActive) this._beginTurn();
    this.liveConnections++;
    const conn = new SocketConnection(this, socket, type, unixPath);
    onAccept(conn);
  }

  private startListening(server: Server, listener: NetListener, listen: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        server.off('listening', onListening);
        reject(err);
      };
      const onListening = (): void => {
        server.off('error', onError);
        server.on('error', (err: Error) => {
          listener.lastError = err;
        });
        this.listeners.add(listener);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      listen();
    });
  }

  private readonly runBeforeSleep = (): void => {
    this.inBeforeSleep = true;
    try {
      const hooks = this.beforeSleepHooks;
      for (let i = 0; i < hooks.length; i++) (hooks[i] as () => void)();
    } finally {
      this.inBeforeSleep = false;
      this.flushAll();
      this.turns++;
      this._turnActive = false;
      if (this.againRequested || this.flushList.length > 0) {
        this.againRequested = false;
        this._beginTurn();
      }
    }
  };

  private flushAll(): void {
    const list = this.flushList;
    if (list.length === 0) return;
    this.flushList = this.flushSpare;
    for (let i = 0; i < list.length; i++) {
      const conn = list[i] as SocketConnection;
      conn._inFlushList = false;
      conn._flushQueued();
    }
    list.length = 0;
    this.flushSpare = list;
  }
}
