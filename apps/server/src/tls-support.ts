// TLS in redwing-server: registers Redis 7.0's tls-* directives (names, defaults, mutability), turns them into
// @redwing/tls settings, opens one TLS listener per bind address when tls-port is set, and reloads certificates on
// CONFIG SET (Redis's applyTlsCfg: a bad file fails the CONFIG SET, restores the values and keeps the old context;
// live connections are never touched). CONFIG SET tls-port opens/closes the listener (a bind error is logged).
import type { ConfigEntry, Engine } from '@redwing/commands';
import type { Connection, EventLoop, Listener } from '@redwing/event-loop';
import {
  DEFAULT_TLS_SETTINGS,
  listenTls,
  loadTlsContext,
  TlsConfigError,
  type AuthClients,
  type TlsContext,
  type TlsListener,
  type TlsSettings,
} from '@redwing/tls';
import type { LogLevel } from './logger.js';

const INT_MAX = 2147483647;

/** What TlsSupport needs from the server. */
export interface TlsHost {
  readonly engine: Engine;
  readonly loop: EventLoop;
  log(level: LogLevel, msg: string): void;
}

/** The text CONFIG SET answers when a TLS reload fails (the reason goes to the log), as Redis 7.0. */
export const TLS_RELOAD_ERROR = 'Unable to update TLS configuration. Check server logs.';

export class TlsSupport {
  /** The bound TLS port, 0 when not listening. */
  port = 0;
  private context: TlsContext | null = null;
  private listeners: TlsListener[] = [];
  private onAccept: ((conn: Connection) => void) | null = null;
  private binds: string[] = [];
  private portChange: Promise<void> = Promise.resolve();
  /** Called with the new settings after every successful reload (IO threads rebuild their own contexts). */
  readonly reloadListeners: ((settings: TlsSettings) => void)[] = [];

  /** `randomPort`: listen on a free port even though tls-port is 0 (startServer({ tlsPort: 0 })). */
  constructor(
    private readonly host: TlsHost,
    private randomPort = false,
  ) {
    const reload = (): string | undefined => this.reload();
    const str = (name: string): ConfigEntry => ({ name, type: 'string', default: '', commit: reload });
    const entries: ConfigEntry[] = [
      { name: 'tls-port', type: 'int', default: '0', min: 0, max: 65535, commit: () => this.portChanged() },
      str('tls-cert-file'),
      str('tls-key-file'),
      str('tls-key-file-pass'),
      str('tls-client-cert-file'),
      str('tls-client-key-file'),
      str('tls-client-key-file-pass'),
      str('tls-dh-params-file'),
      str('tls-ca-cert-file'),
      str('tls-ca-cert-dir'),
      str('tls-protocols'),
      str('tls-ciphers'),
      str('tls-ciphersuites'),
      { name: 'tls-auth-clients', type: 'enum', default: 'yes', values: ['no', 'yes', 'optional'], commit: reload },
      { name: 'tls-prefer-server-ciphers', type: 'bool', default: 'no', commit: reload },
      { name: 'tls-session-caching', type: 'bool', default: 'yes', commit: reload },
      { name: 'tls-session-cache-size', type: 'int', default: '20480', min: 0, max: INT_MAX, commit: reload },
      { name: 'tls-session-cache-timeout', type: 'int', default: '300', min: 0, max: INT_MAX, commit: reload },
      { name: 'tls-replication', type: 'bool', default: 'no', commit: reload },
      { name: 'tls-cluster', type: 'bool', default: 'no', commit: reload },
    ];
    for (const e of entries) host.engine.config.register(e);
  }

  /** The tls-* directives as @redwing/tls settings (plain values: an IO worker thread can be sent these). */
  settings(): TlsSettings {
    const cfg = this.host.engine.config;
    const s = (n: string): string => cfg.getString(n);
    return {
      ...DEFAULT_TLS_SETTINGS,
      certFile: s('tls-cert-file'),
      keyFile: s('tls-key-file'),
      keyFilePass: s('tls-key-file-pass'),
      clientCertFile: s('tls-client-cert-file'),
      clientKeyFile: s('tls-client-key-file'),
      clientKeyFilePass: s('tls-client-key-file-pass'),
      caCertFile: s('tls-ca-cert-file'),
      caCertDir: s('tls-ca-cert-dir'),
      dhParamsFile: s('tls-dh-params-file'),
      authClients: s('tls-auth-clients') as AuthClients,
      protocols: s('tls-protocols'),
      ciphers: s('tls-ciphers'),
      ciphersuites: s('tls-ciphersuites'),
      preferServerCiphers: cfg.getBool('tls-prefer-server-ciphers'),
      sessionCaching: cfg.getBool('tls-session-caching'),
      sessionCacheSize: cfg.getNumber('tls-session-cache-size'),
      sessionCacheTimeout: cfg.getNumber('tls-session-cache-timeout'),
    };
  }

  /** TLS is configured when some part of the server uses it (Redis: tls-port, tls-replication or tls-cluster). */
  get wanted(): boolean {
    const cfg = this.host.engine.config;
    return this.randomPort || cfg.getNumber('tls-port') !== 0 || cfg.getBool('tls-replication') || cfg.getBool('tls-cluster');
  }

  /** Live TLS listeners (for IO threads, stats). */
  get activeListeners(): readonly TlsListener[] {
    return this.listeners;
  }

  /** Handshakes refused or failed since start. */
  get handshakeFailures(): number {
    let n = 0;
    for (const l of this.listeners) n += l.acceptor.handshakeFailures;
    return n;
  }

  /**
   * At start-up: load the context (throws TlsConfigError naming the bad file) and listen on tls-port on every
   * bind address. Returns the listeners for the server to close with its own.
   */
  async start(binds: string[], onAccept: (conn: Connection) => void): Promise<Listener[]> {
    this.onAccept = onAccept;
    this.binds = binds.length > 0 ? binds : ['127.0.0.1'];
    if (!this.wanted) return [];
    const r = loadTlsContext(this.settings());
    if (!r.ok) throw new TlsConfigError(`Failed to configure TLS: ${r.error}`);
    this.context = r.context;
    const port = this.randomPort ? 0 : this.host.engine.config.getNumber('tls-port');
    if (port === 0 && !this.randomPort) return [];
    await this.listenAll(port);
    // a port picked by the OS shows in CONFIG GET tls-port, as the one asked for would
    if (this.randomPort && this.port !== 0) this.host.engine.config.set('tls-port', String(this.port), true);
    this.randomPort = false;
    return [...this.listeners];
  }

  private async listenAll(port: number): Promise<void> {
    const ctx = this.context;
    const onAccept = this.onAccept;
    if (ctx === null || onAccept === null) return;
    const backlog = this.host.engine.config.getNumber('tcp-backlog');
    for (const raw of this.binds) {
      const optional = raw.startsWith('-');
      const h = optional ? raw.slice(1) : raw;
      try {
        const l = await listenTls(this.host.loop, { host: h === '*' ? '0.0.0.0' : h, port: this.port || port, backlog }, ctx, onAccept, {
          onHandshakeError: (err, addr) => this.host.log('verbose', `Error accepting a client connection: ${err.message} (addr=${addr})`),
          keepAliveSec: () => this.host.engine.config.getNumber('tcp-keepalive'),
        });
        this.listeners.push(l);
        this.port = l.port;
      } catch (err) {
        if (!optional) throw err;
      }
    }
  }

  /** Close the TLS listeners (connections stay). */
  async close(): Promise<void> {
    const ls = this.listeners;
    this.listeners = [];
    this.port = 0;
    await Promise.all(ls.map((l) => l.close()));
  }

  /** Commit of every tls-* directive but tls-port: rebuild the context; new connections get it. */
  private reload(): string | undefined {
    if (!this.wanted) return undefined;
    const r = loadTlsContext(this.settings());
    if (!r.ok) {
      this.host.log('warning', `Failed to configure TLS: ${r.error}`);
      return TLS_RELOAD_ERROR;
    }
    this.context = r.context;
    for (const l of this.listeners) l.setContext(r.context);
    for (const fn of this.reloadListeners) fn(r.context.settings);
    this.host.log('notice', 'TLS configuration reloaded (new connections use the new certificates)');
    return undefined;
  }

  /** Commit of tls-port: close the listener, open one on the new port (asynchronously; failures are logged). */
  private portChanged(): string | undefined {
    if (this.onAccept === null) return undefined; // not started yet
    const port = this.host.engine.config.getNumber('tls-port');
    if (port !== 0 && port === this.port) return undefined;
    if (port !== 0 && this.context === null) {
      const r = loadTlsContext(this.settings());
      if (!r.ok) {
        this.host.log('warning', `Failed to configure TLS: ${r.error}`);
        return TLS_RELOAD_ERROR;
      }
      this.context = r.context;
    }
    this.randomPort = false;
    this.portChange = this.portChange
      .then(() => this.close())
      .then(() => (port !== 0 ? this.listenAll(port) : undefined))
      .catch((err: unknown) => {
        this.host.log('warning', `Failed listening on port ${port} (TLS): ${err instanceof Error ? err.message : String(err)}`);
      });
    return undefined;
  }

  /** Resolves when a CONFIG SET tls-port has taken effect (tests). */
  settled(): Promise<void> {
    return this.portChange;
  }
}
