// TLS listeners for the event loop. A TlsAcceptor takes raw accepted TCP sockets, runs the TLS handshake with the
// context current at accept time, applies `tls-auth-clients`, and hands each finished connection to the loop as a
// Connection of type 'tls' (the same SocketConnection as tcp/unix, over a TLSSocket). Swapping the context
// (certificate reload) affects only connections accepted afterwards. listenTls = a TCP listening socket (host/port
// or an inherited fd, for IO threads) feeding an acceptor. Everything here runs on the loop's owner thread, and
// every mutating entry point is owner-checked; a worker thread builds its own acceptor from the same settings.
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import { formatAddress, type Connection, type EventLoop, type Listener } from '@redwing/event-loop';
import type { TlsContext } from './context.js';
import { SessionCache } from './session-cache.js';

/** An unfinished handshake is dropped after this long (ms), so idle half-connections cannot pile up. */
export const DEFAULT_HANDSHAKE_TIMEOUT = 30_000;

export interface TlsAcceptorOptions {
  /** Called for every failed handshake or refused client certificate; the socket is already being destroyed. */
  onHandshakeError?: (err: Error, remoteAddress: string) => void;
  /** ms; default DEFAULT_HANDSHAKE_TIMEOUT. */
  handshakeTimeout?: number;
  /** TCP keepalive for accepted sockets, in seconds (0 = off), read at each accept (Redis `tcp-keepalive`). */
  keepAliveSec?: () => number;
}

export interface TlsListenOptions {
  host?: string;
  port?: number;
  backlog?: number;
  /** Listen on an already bound socket (a worker thread sharing the main thread's listener). */
  fd?: number;
}

/** A handshake was refused by tls-auth-clients optional: the client sent a certificate that does not verify. */
export class ClientCertificateError extends Error {
  readonly code = 'ECLIENTCERT' as const;
  constructor(reason: string) {
    super(`client certificate refused: ${reason}`);
    this.name = 'ClientCertificateError';
  }
}

export class TlsAcceptor {
  /** Handshakes that failed (garbage, protocol mismatch, refused or missing client certificate, timeout). */
  handshakeFailures = 0;
  /** Connections whose handshake completed and that were handed to onAccept. */
  accepted = 0;

  private ctx: TlsContext;
  private hub: TlsServer;
  private readonly sessions: SessionCache;
  private readonly handshakeTimeout: number;

  constructor(
    private readonly loop: EventLoop,
    context: TlsContext,
    private readonly onAccept: (conn: Connection) => void,
    private readonly opts: TlsAcceptorOptions = {},
  ) {
    loop.assertOwner('TlsAcceptor.create');
    this.ctx = context;
    this.handshakeTimeout = opts.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT;
    this.sessions = new SessionCache(context.settings.sessionCacheSize, context.settings.sessionCacheTimeout);
    this.hub = this.makeHub(context);
  }

  /** The context new connections get. */
  get context(): TlsContext {
    return this.ctx;
  }

  /** Sessions held for session-ID resumption. */
  get cachedSessions(): number {
    return this.sessions.size;
  }

  /**
   * Use `context` for connections accepted from now on. Live connections, and handshakes already under way, keep
   * the context they started with. Cached sessions are dropped (they belonged to the old certificate).
   */
  setContext(context: TlsContext): void {
    this.loop.assertOwner('TlsAcceptor.setContext');
    const hub = this.makeHub(context);
    this.ctx = context;
    this.hub = hub;
    this.sessions.clear();
    this.sessions.maxEntries = context.settings.sessionCacheSize;
    this.sessions.timeoutSec = context.settings.sessionCacheTimeout;
  }

  /** Run the TLS handshake on a freshly accepted TCP socket; the connection reaches onAccept once it is secure. */
  handleSocket(raw: Socket): void {
    this.loop.assertOwner('TlsAcceptor.handleSocket');
    // keepalive is a TCP option: set on the raw socket (the TLS socket above it has no TCP handle of its own)
    const ka = this.opts.keepAliveSec?.() ?? 0;
    if (ka > 0) raw.setKeepAlive(true, ka * 1000);
    // the handshake must read, whatever the listening socket's pauseOnConnect said
    raw.resume();
    this.hub.emit('connection', raw);
  }

  private makeHub(context: TlsContext): TlsServer {
    const hub = createTlsServer({ ...context.serverOptions, handshakeTimeout: this.handshakeTimeout });
    hub.on('secureConnection', (sock: TLSSocket) => this.onSecure(sock, context));
    hub.on('tlsClientError', (err: Error, sock: TLSSocket) => this.failed(err, sock));
    if (context.settings.sessionCaching) {
      hub.on('newSession', (id: Buffer, data: Buffer, done: () => void) => {
        this.sessions.set(id, data);
        done();
      });
      hub.on('resumeSession', (id: Buffer, done: (err: Error | null, data: Buffer | null) => void) => {
        done(null, this.sessions.get(id));
      });
    }
    return hub;
  }

  private failed(err: Error, sock: TLSSocket): void {
    this.handshakeFailures++;
    const addr = formatAddress(sock.remoteAddress, sock.remotePort);
    if (!sock.destroyed) sock.destroy();
    // a certificate that did not verify makes Node drop the socket with a bare "socket hang up": say why instead
    const why: unknown = sock.authorizationError;
    const reported = typeof why === 'string' && !(err instanceof ClientCertificateError) ? new ClientCertificateError(why) : err;
    this.opts.onHandshakeError?.(reported, addr);
  }

  private onSecure(sock: TLSSocket, context: TlsContext): void {
    // `tls-auth-clients optional`: no certificate is fine, a certificate that does not verify is not (Redis leaves
    // OpenSSL's verification on, which fails the handshake; Node verifies after it, so the check is here).
    if (context.requestCert && !context.rejectUnauthorized && !sock.authorized && sock.getPeerX509Certificate() !== undefined) {
      const why: unknown = sock.authorizationError;
      this.failed(new ClientCertificateError(typeof why === 'string' ? why : 'verification failed'), sock);
      return;
    }
    if (sock.destroyed) return;
    this.accepted++;
    const conn = this.loop.adopt(sock, 'tls');
    this.onAccept(conn);
  }
}

export interface TlsListener extends Listener {
  readonly acceptor: TlsAcceptor;
  /**
   * The listening socket's fd (-1 when unknown), for IO threads that share it (`acceptTlsOn` in the worker).
   * Deliberately not named `fd`: code that shares plain TCP listeners by `fd` must not take this one for TCP.
   */
  readonly listenFd: number;
  /** Shorthand for acceptor.setContext: new certificates for new connections. */
  setContext(context: TlsContext): void;
}

class TlsNetListener implements TlsListener {
  port = 0;
  host = '';
  listenFd = -1;
  lastError: Error | null = null;
  private closed = false;

  constructor(
    private readonly loop: EventLoop,
    private readonly server: NetServer,
    readonly acceptor: TlsAcceptor,
  ) {
    server.on('connection', (raw: Socket) => acceptor.handleSocket(raw));
  }

  setContext(context: TlsContext): void {
    this.acceptor.setContext(context);
  }

  close(): Promise<void> {
    this.loop.assertOwner('TlsListener.close');
    if (this.closed) return Promise.resolve();
    this.closed = true;
    // stop accepting now; connections already accepted (and handshakes under way) stay with their owner
    this.server.close();
    return new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Listen for TLS clients on host:port (or on an inherited fd). Resolves once bound; rejects with the bind error
 * (EADDRINUSE, ...). Each client reaches `onAccept` after its handshake, as a Connection of type 'tls'.
 */
export function listenTls(
  loop: EventLoop,
  opts: TlsListenOptions,
  context: TlsContext,
  onAccept: (conn: Connection) => void,
  acceptorOptions: TlsAcceptorOptions = {},
): Promise<TlsListener> {
  loop.assertOwner('listenTls');
  const acceptor = new TlsAcceptor(loop, context, onAccept, acceptorOptions);
  const server = createNetServer({ allowHalfOpen: true, noDelay: true });
  const listener = new TlsNetListener(loop, server, acceptor);
  return new Promise<TlsListener>((resolve, reject) => {
    const onError = (err: Error): void => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = (): void => {
      server.off('error', onError);
      server.on('error', (err: Error) => {
        listener.lastError = err;
      });
      const addr = server.address();
      if (addr !== null && typeof addr === 'object') {
        listener.port = addr.port;
        listener.host = addr.address;
      }
      const handle = (server as unknown as { _handle?: { fd?: unknown } | null })._handle;
      if (handle !== null && handle !== undefined && typeof handle.fd === 'number') listener.listenFd = handle.fd;
      resolve(listener);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    const backlog = opts.backlog ?? 511;
    if (opts.fd !== undefined) server.listen({ fd: opts.fd, backlog });
    else {
      const host = opts.host ?? '127.0.0.1';
      server.listen({ host, port: opts.port ?? 0, backlog, ipv6Only: host.includes(':') });
    }
  });
}

/**
 * Serve TLS on a net.Server that is already listening (an IO worker thread's copy of the shared listening socket):
 * every connection it accepts goes through the handshake and reaches `onAccept` as a 'tls' Connection of `loop`.
 * Closing the returned listener closes `server`.
 */
export function acceptTlsOn(
  loop: EventLoop,
  server: NetServer,
  context: TlsContext,
  onAccept: (conn: Connection) => void,
  acceptorOptions: TlsAcceptorOptions = {},
): TlsListener {
  loop.assertOwner('acceptTlsOn');
  const listener = new TlsNetListener(loop, server, new TlsAcceptor(loop, context, onAccept, acceptorOptions));
  const addr = server.address();
  if (addr !== null && typeof addr === 'object') {
    listener.port = addr.port;
    listener.host = addr.address;
  }
  return listener;
}
