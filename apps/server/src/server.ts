// RedwingServer: composes the engine, the event loop and the listeners. Owns the client registry on the network
// side, the flush/resume queues run in beforeSleep, and serverCron (active expiry, idle timeouts) as a time event.
import { createEngine, type Engine } from '@redwing/commands';
import { EventLoop, type Connection, type Listener } from '@redwing/event-loop';
import { Logger, type LogLevel } from './logger.js';
import { NetClient } from './net-client.js';
import { registerServerConfig } from './server-config.js';
import { TlsSupport } from './tls-support.js';
import { parseConfigText, type Directive } from './config-file.js';
import { startIoThreads } from './io-threads/start.js';
import { pollClientsWhileBusy } from './busy-poll.js';
import type { IoThreads } from './io-threads/io-threads.js';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface ServerOptions {
  /** TCP port (0 = pick a free one). Default: the `port` directive, 6379. */
  port?: number;
  /** TLS port (0 = pick a free one); startServer without `port` then serves TLS only. Default: `tls-port`. */
  tlsPort?: number;
  /** Address(es) to bind. Default: the `bind` directive, 127.0.0.1. */
  host?: string;
  /** A redis.conf file to load first. */
  configFile?: string;
  /** Directives by name, applied after the file: `{ requirepass: 'x', 'maxmemory': '10mb' }`. */
  config?: Record<string, string>;
  /** Parsed directives (the bin passes command-line ones here). */
  directives?: Directive[];
  /** Log nothing (default for startServer). */
  silent?: boolean;
  /** Called after a SHUTDOWN command has closed the server (the bin exits the process here). */
  onShutdown?: () => void;
}

export class ConfigError extends Error {
  readonly code = 'ECONFIG';
}

export class RedwingServer {
  readonly engine: Engine;
  readonly loop = new EventLoop({ name: 'main' });
  readonly logger = new Logger();
  readonly clients = new Set<NetClient>();
  readonly stats = { clientQbufLimitDisconnections: 0, clientOutbufLimitDisconnections: 0 };
  /** tls-port: TLS listeners and certificate reload (@redwing/tls). */
  readonly tls: TlsSupport;
  private listeners: Listener[] = [];
  /** `io-threads N` > 1: the worker threads serving connections besides this one. */
  ioThreads: IoThreads | null = null;
  private pendingFlush = new Set<NetClient>();
  private pendingResume: NetClient[] = [];
  private cronId = -1;
  private stopping: Promise<void> | null = null;
  /** True while busy-poll.ts serves clients from inside a stuck script (SHUTDOWN NOSAVE must exit at once). */
  private pollingBusy = false;
  protoMaxBulkLen = 512 * 1024 * 1024;
  queryBufferLimit = 1024 * 1024 * 1024;
  port = 0;
  host = '127.0.0.1';
  configFile = '';

  constructor(private readonly options: ServerOptions = {}) {
    const directives: Directive[] = [];
    if (options.configFile) {
      const path = resolve(options.configFile);
      this.configFile = path;
      directives.push(...parseConfigText(readFileSync(path, 'utf8'), path, dirname(path)));
    }
    if (options.directives) directives.push(...options.directives);
    for (const [k, v] of Object.entries(options.config ?? {})) directives.push({ name: k, args: [v], origin: 'options' });
    const dbDirective = [...directives].reverse().find((d) => d.name === 'databases');
    const databases = dbDirective ? Number(dbDirective.args[0]) : 16;
    if (!Number.isInteger(databases) || databases < 1) throw new ConfigError(`Invalid databases: ${dbDirective?.args[0]}`);
    this.engine = createEngine({
      store: { databases },
      host: {
        log: (level, msg) => this.logger.log(level, msg),
        shutdown: (opts) => this.shutdownCommand(opts),
        pollWhileBusy: (caller) => {
          this.pollingBusy = true;
          try {
            pollClientsWhileBusy(this, caller);
          } finally {
            this.pollingBusy = false;
          }
        },
      },
    });
    registerServerConfig(this.engine);
    this.tls = new TlsSupport(this, options.tlsPort === 0);
    this.engine.config.configFile = this.configFile; // CONFIG REWRITE's target
    for (const d of directives) this.applyDirective(d);
    if (options.port !== undefined) this.engine.config.set('port', String(options.port), true);
    if (options.host !== undefined) this.engine.config.set('bind', options.host, true);
    if (options.tlsPort) this.engine.config.set('tls-port', String(options.tlsPort), true);
    if (options.silent) this.logger.silent = true;
    this.logger.level = this.engine.config.getString('loglevel') as LogLevel;
    this.logger.file = this.engine.config.getString('logfile');
    this.engine.config.onChange('loglevel', (v) => (this.logger.level = v as LogLevel));
    this.protoMaxBulkLen = this.engine.config.getNumber('proto-max-bulk-len');
    this.engine.config.onChange('proto-max-bulk-len', (v) => (this.protoMaxBulkLen = Number(v)));
    this.queryBufferLimit = this.engine.config.getNumber('client-query-buffer-limit');
    this.engine.config.onChange('client-query-buffer-limit', (v) => (this.queryBufferLimit = Number(v)));
    this.engine.infoProviders.set('server', () => [
      ['tcp_port', this.port || this.tls.port],
      ['config_file', this.configFile],
    ]);
    this.engine.infoProviders.set('stats', () => [
      ['client_query_buffer_limit_disconnections', this.stats.clientQbufLimitDisconnections],
      ['client_output_buffer_limit_disconnections', this.stats.clientOutbufLimitDisconnections],
    ]);
    this.loop.onBeforeSleep(() => this.beforeSleep());
  }

  private applyDirective(d: Directive): void {
    if (d.name === 'databases') return; // applied at construction
    const cfg = this.engine.config;
    if (!cfg.has(d.name)) {
      throw new ConfigError(`Bad directive or wrong number of arguments at ${d.origin}: '${d.name}'`);
    }
    const value = d.args.join(' ');
    const err = cfg.set(d.name, value, true);
    if (err) throw new ConfigError(`${err} at ${d.origin}: '${d.name} ${value}'`);
  }

  log(level: LogLevel, msg: string): void {
    this.logger.log(level, msg);
  }

  async start(): Promise<void> {
    const cfg = this.engine.config;
    const port = cfg.getNumber('port');
    const binds = cfg.getString('bind').split(/\s+/).filter((b) => b !== '');
    if (port !== 0 || this.options.port === 0) {
      for (const raw of binds.length ? binds : ['127.0.0.1']) {
        const optional = raw.startsWith('-');
        const host = optional ? raw.slice(1) : raw;
        try {
          const l = await this.loop.listenTcp({ host: host === '*' ? '0.0.0.0' : host, port: this.port || port, backlog: cfg.getNumber('tcp-backlog') }, (conn) => this.accept(conn));
          this.listeners.push(l);
          this.port = l.port;
          this.host = host;
        } catch (err) {
          if (!optional) throw err;
        }
      }
    }
    await this.tls.start(binds, (conn) => this.accept(conn));
    const unix = cfg.getString('unixsocket');
    if (unix) {
      const perm = cfg.getNumber('unixsocketperm');
      this.listeners.push(await this.loop.listenUnix({ path: unix, ...(perm ? { perm } : {}) }, (conn) => this.accept(conn)));
    }
    const threads = cfg.getNumber('io-threads');
    if (threads > 1) this.ioThreads = await startIoThreads(this, threads, this.listeners);
    const hz = Math.max(1, Math.min(500, cfg.getNumber('hz')));
    this.cronId = this.loop.createTimeEvent(1000 / hz, () => this.cron(), { unref: true });
    this.log('notice', `Server initialized`);
    this.log('notice', `Ready to accept connections${this.port ? ` tcp on port ${this.port}` : ''}${this.tls.port ? ` tls on port ${this.tls.port}` : ''}${unix ? ` unix at ${unix}` : ''}`);
  }

  private accept(conn: Connection): void {
    const cfg = this.engine.config;
    if (this.clients.size + (this.ioThreads?.clientCount ?? 0) >= cfg.getNumber('maxclients')) {
      conn.write(Buffer.from('-ERR max number of clients reached\r\n'));
      conn.closeAfterFlush();
      this.engine.stats.rejectedConnections++;
      return;
    }
    if (cfg.getBool('protected-mode') && cfg.getString('requirepass') === '' && conn.type !== 'unix' && !isLoopback(conn.remoteAddress)) {
      conn.write(Buffer.from(PROTECTED_MODE_DENIED));
      conn.closeAfterFlush();
      this.engine.stats.rejectedConnections++;
      return;
    }
    const nc = new NetClient(this, conn);
    this.clients.add(nc);
  }

  /** Protected mode for a connection accepted by an IO thread: the refusal text, or null to accept. */
  admission(type: 'tcp' | 'unix' | 'tls', remoteAddress: string): string | null {
    const cfg = this.engine.config;
    if (cfg.getBool('protected-mode') && cfg.getString('requirepass') === '' && type !== 'unix' && !isLoopback(remoteAddress)) return PROTECTED_MODE_DENIED;
    return null;
  }

  onClientClosed(nc: NetClient): void {
    this.clients.delete(nc);
    this.pendingFlush.delete(nc);
    this.engine.freeClient(nc.client);
  }

  scheduleFlush(nc: NetClient): void {
    this.pendingFlush.add(nc);
    this.loop.requestBeforeSleep();
  }

  scheduleResume(nc: NetClient): void {
    this.pendingResume.push(nc);
    this.loop.requestBeforeSleep();
  }

  private beforeSleep(): void {
    while (this.pendingResume.length > 0) {
      const list = this.pendingResume;
      this.pendingResume = [];
      for (const nc of list) nc.resume();
    }
    if (this.pendingFlush.size > 0) {
      const list = this.pendingFlush;
      this.pendingFlush = new Set();
      for (const nc of list) nc.flush();
    }
  }

  /** serverCron: active expiry, idle-client timeouts, peak memory. Returns the next delay. */
  private cron(): number {
    const engine = this.engine;
    const hz = Math.max(1, Math.min(500, engine.config.getNumber('hz')));
    // no active expiry while a busy script runs in slices: the script must see one unchanging dataset
    if (engine.keyspace.config.activeExpireEnabled && !engine.busyScript) engine.keyspace.activeExpireCycle(Math.max(1, 250 / hz));
    const used = engine.keyspace.usedMemory();
    if (used > engine.peakMemory) engine.peakMemory = used;
    const timeout = engine.config.getNumber('timeout');
    if (timeout > 0) {
      const now = Date.now();
      for (const nc of this.clients) {
        const c = nc.client;
        if (c.flags & 0x8 /* BLOCKED */ || c.subscriptionCount() > 0 || c.shardChannels.size > 0) continue;
        if (now - c.lastInteraction > timeout * 1000) {
          this.log('verbose', 'Closing idle client');
          nc.closeNow();
        }
      }
    }
    this.loop.requestBeforeSleep();
    return 1000 / hz;
  }

  /** SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: nothing to persist yet, so every form closes at once. */
  private shutdownCommand(opts: { save: boolean | undefined; now: boolean; force: boolean; abort: boolean }): string | undefined {
    if (opts.abort) return 'ERR No shutdown in progress.';
    if (opts.save === true) this.log('warning', 'SAVE requested on shutdown, but persistence is not available yet: nothing saved.');
    this.log('warning', 'User requested shutdown...');
    if (this.pollingBusy && this.options.onShutdown) {
      // a script is stuck on the stack: the event loop cannot run again, so close the sockets and exit now
      for (const nc of this.clients) nc.flushSync();
      this.log('warning', 'Redwing is now ready to exit, bye bye...');
      this.options.onShutdown();
      return undefined;
    }
    void this.close().then(() => {
      this.log('warning', 'Redwing is now ready to exit, bye bye...');
      this.options.onShutdown?.();
    });
    return undefined;
  }

  /** Stop listening, close every client, stop timers. */
  close(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.stopping = (async () => {
      if (this.cronId >= 0) this.loop.deleteTimeEvent(this.cronId);
      await this.ioThreads?.close();
      for (const nc of [...this.clients]) {
        nc.flush();
        nc.conn.closeAfterFlush();
      }
      await Promise.all(this.listeners.map((l) => l.close()));
      await this.tls.close();
      await this.loop.stop();
    })();
    return this.stopping;
  }
}

function isLoopback(addr: string): boolean {
  return addr.startsWith('127.') || addr.startsWith('[::1]') || addr.startsWith('::1') || addr.startsWith('::ffff:127.');
}

const PROTECTED_MODE_DENIED =
  '-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. ' +
  'In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you ' +
  "may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface " +
  'by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. ' +
  'Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, ' +
  "and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it " +
  "with the '--protected-mode no' option. 4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things " +
  'in order for the server to start accepting connections from the outside.\r\n';

/** In-process server for tests and embedding: `const s = await startServer({ port: 0 }); ... await s.close()`. */
export async function startServer(
  options: ServerOptions = {},
): Promise<{ host: string; port: number; tlsPort: number; server: RedwingServer; close(): Promise<void> }> {
  // tlsPort without port: TLS only, as Redis with `port 0` and `tls-port`
  const tlsOnly = options.tlsPort !== undefined && options.port === undefined;
  const server = new RedwingServer(
    tlsOnly ? { silent: true, ...options, config: { ...options.config, port: '0' } } : { silent: true, ...options, port: options.port ?? 0 },
  );
  await server.start();
  return { host: server.host, port: server.port, tlsPort: server.tls.port, server, close: () => server.close() };
}
