// The engine: runs commands against a @redwing/store Keyspace with no network at all. `execute()` is the
// single dispatch gate, in the order of Redis's processCommand: lookup, arity, auth, MULTI rules, OOM,
// subscribed-mode rules, busy script, MULTI queueing, then `call()` (stats, slowlog, monitor) and the
// serving of clients blocked on keys that became ready. Used by apps/server, by scripts and by tests.
import { Keyspace, type Db, type StoreConfig } from '@redwing/store';
import { Client, CF } from './client.js';
import { ConfigRegistry } from './config/registry.js';
import { Err, sanitize, unknownCommand, unknownSubcommand, wrongArity } from './errors.js';
import { BlockingState } from './blocking/blocking.js';
import { PubSubState } from './pubsub/pubsub-state.js';
import { WatchState } from './multi/watch-state.js';
import { discardTransaction } from './multi/multi-generic.js';
import { quoteRepr } from './util/split-args.js';
import { ScriptingState } from './scripting/scripting-state.js';
import { FunctionsState } from './scripting/functions-state.js';
import { pauseState, type PauseState } from './introspection/pause-state.js';
import { latencyMonitor } from './introspection/latency-monitor.js';
import { trackingAfterCommand } from './tracking/tracking-state.js';
import { ServerStats } from './server/stats.js';
import { CommandTable } from './table.js';
import type { InfoProvider } from './server/info.js';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CMD, type Command } from './types.js';

export interface EngineHost {
  /** Timers for blocking-command timeouts and the like (defaults to setTimeout/clearTimeout). */
  setTimer?(ms: number, fn: () => void): unknown;
  clearTimer?(t: unknown): void;
  /** All connected clients (CLIENT LIST, INFO clients). Defaults to the engine's own registry. */
  log?(level: 'debug' | 'verbose' | 'notice' | 'warning', msg: string): void;
  /** SHUTDOWN: the host stops the process/server. Returns an error text to reply with, or undefined. */
  shutdown?(opts: { save: boolean | undefined; now: boolean; force: boolean; abort: boolean }): string | undefined;
  /**
   * Called synchronously (about every 50 ms) from inside a script that is past busy-reply-threshold and cannot
   * be moved to slices (it wrote, or runs inside EXEC/another script): the host reads what clients sent and
   * answers through execute() (everything gets BUSY but the allow-busy commands), as Redis's
   * processEventsWhileBlocked. The running caller must not be read.
   */
  pollWhileBusy?(caller: Client): void;
}

export interface EngineOptions {
  keyspace?: Keyspace;
  store?: Partial<StoreConfig>;
  clock?: () => number;
  host?: EngineHost;
  /** Initial values by Redis config name ("maxmemory", "hash-max-listpack-entries", ...). */
  config?: Record<string, string>;
}

/** Commands allowed in RESP2 subscribed mode. */
const PUBSUB_ALLOWED = new Set(['ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset']);
/** Commands executed immediately inside MULTI instead of being queued. */
const MULTI_IMMEDIATE = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

export class Engine {
  readonly keyspace: Keyspace;
  readonly table: CommandTable;
  readonly config: ConfigRegistry;
  readonly host: EngineHost;
  readonly stats = new ServerStats();
  readonly clients = new Map<number, Client>();
  readonly pubsub: PubSubState;
  readonly watch: WatchState;
  readonly blocking: BlockingState;
  readonly scripting: ScriptingState;
  readonly functions: FunctionsState;
  /** CLIENT PAUSE state; postponed clients wait here for the release. */
  readonly pause: PauseState;
  private postponed: Client[] = [];
  /** Set once any client turned CLIENT TRACKING on (the tracking module then needs every command's keys). */
  trackingActive = false;
  /** latency-monitor-threshold (ms), cached: 0 = off. */
  private latencyThreshold = 0;
  /** slowlog-log-slower-than (usec), cached: < 0 = off. */
  private slowlogThreshold = 10000;
  /**
   * Wall-clock anchor of the current batch (beginBatch): the clock read once, with the monotonic time it was read
   * at, so each command's time is derived from its own monotonic start instead of a second clock read. -1: none.
   */
  private batchWall = -1;
  private batchMono = 0;
  /** One-entry cache of the top-level command lookup (clients mostly repeat one name). */
  private lastName = '';
  private lastCmd: Command | undefined = undefined;
  /** Changes to the dataset since start (Redis's server.dirty). */
  dirty = 0;
  /** Set while a script runs past busy-reply-threshold (BUSY replies). */
  busyScript = false;
  /** Nesting depth of call(); > 0 while a command runs (scripts, EXEC run inner calls). */
  callDepth = 0;
  /** The client whose command is running at top level. */
  currentClient: Client | null = null;
  private nextClientId = 1;
  readonly startTime = Date.now();
  /** 40 hex chars, new per process (INFO run_id, master_replid). */
  readonly runId: string = randomBytes(20).toString('hex');
  peakMemory = 0;
  /** Extra INFO fields per section, contributed by the host (network facts). */
  readonly infoProviders = new Map<string, InfoProvider>();

  constructor(opts: EngineOptions = {}) {
    this.keyspace =
      opts.keyspace ??
      new Keyspace({ ...(opts.store ? { config: opts.store } : {}), ...(opts.clock ? { clock: opts.clock } : {}) });
    this.host = opts.host ?? {};
    this.table = new CommandTable();
    this.pubsub = new PubSubState(this);
    this.watch = new WatchState(this);
    this.blocking = new BlockingState(this);
    this.scripting = new ScriptingState(this);
    this.functions = new FunctionsState(this);
    this.pause = pauseState(this);
    this.pause.onRelease.add(() => this.releasePostponed());
    this.config = new ConfigRegistry(this);
    this.config.onChange('latency-monitor-threshold', (v) => (this.latencyThreshold = Number(v)));
    this.slowlogThreshold = this.config.getNumber('slowlog-log-slower-than');
    this.config.onChange('slowlog-log-slower-than', (v) => (this.slowlogThreshold = Number(v)));
    if (opts.config) {
      for (const [k, v] of Object.entries(opts.config)) {
        const err = this.config.set(k, v, true);
        if (err) throw new Error(`bad config ${k} ${v}: ${err}`);
      }
    }
    const hooks = this.keyspace.hooks;
    hooks.keyModified = (db, key) => this.watch.touchKey(db, key);
    hooks.keyReady = (db, key) => this.blocking.signalKeyReady(db, key);
    hooks.notify = (cls, event, key, dbIndex) => this.pubsub.notifyKeyspaceEvent(cls, event, key, dbIndex);
  }

  // ---- Clients ----

  createClient(opts: { protocol?: 2 | 3; authenticated?: boolean } = {}): Client {
    const c = new Client(this.nextClientId++, this.keyspace.db(0), {
      ...opts,
      authenticated: opts.authenticated ?? !this.requiresAuth(),
      now: Date.now(),
    });
    this.clients.set(c.id, c);
    this.stats.totalConnections++;
    return c;
  }

  /** Forget a client: unwatch, unsubscribe, unblock. Idempotent. */
  freeClient(c: Client): void {
    if (!this.clients.delete(c.id)) return;
    this.blocking.unblock(c, 'none');
    this.watch.unwatchAll(c);
    this.pubsub.unsubscribeAll(c);
    this.monitors.delete(c);
    if (c.flags & CF.POSTPONED) this.postponed = this.postponed.filter((x) => x !== c);
  }

  requiresAuth(): boolean {
    return this.config.getString('requirepass') !== '';
  }

  /** Clients in MONITOR mode. */
  readonly monitors = new Set<Client>();

  db(index: number): Db {
    return this.keyspace.db(index);
  }

  // ---- The dispatch gate ----

  /**
   * The host is about to execute the commands of one read (a pipeline): read the wall clock once for all of them,
   * as Redis caches the time per event-loop turn. Each command still gets its own time (anchor plus the monotonic
   * time elapsed). Pair with endBatch() in the same synchronous run.
   */
  beginBatch(): void {
    this.batchMono = performance.now();
    this.batchWall = this.keyspace.clock();
  }

  endBatch(): void {
    this.batchWall = -1;
  }

  /** Run one command from a client (a full request): Redis's processCommand. Replies go to c.reply. */
  execute(c: Client, argv: string[]): void {
    c.argv = argv;
    c.lastInteraction = this.batchWall >= 0 ? this.batchWall : Date.now();
    const name = argv[0] ?? '';
    let cmd: Command | undefined;
    if (name === this.lastName) cmd = this.lastCmd;
    else {
      cmd = this.table.get(name);
      this.lastName = name;
      this.lastCmd = cmd;
    }
    if (cmd?.subcommands && argv.length >= 2) {
      const sub = cmd.subcommands.get((argv[1] ?? '').toLowerCase());
      if (!sub) {
        this.reject(c, unknownSubcommand(argv[1] ?? '', name), undefined);
        return;
      }
      cmd = sub;
    }
    if (!cmd) {
      this.reject(c, unknownCommand(argv), undefined);
      return;
    }
    c.cmd = cmd;
    if ((cmd.arity > 0 && cmd.arity !== argv.length) || argv.length < -cmd.arity) {
      this.reject(c, wrongArity(cmd.name), cmd);
      return;
    }
    const bits = cmd.flagBits;
    if (!c.authenticated && (bits & CMD.NO_AUTH) === 0) {
      this.reject(c, Err.NOAUTH, cmd);
      return;
    }
    if (c.flags & CF.MULTI && bits & CMD.NO_MULTI) {
      this.reject(c, 'ERR Command not allowed inside a transaction', cmd);
      return;
    }
    const maxmemory = this.keyspace.config.maxmemory;
    if (maxmemory > 0 && !this.busyScript) {
      const state = this.keyspace.performEvictions();
      const rejectOnOom = bits & CMD.DENYOOM || (c.flags & CF.MULTI && !MULTI_IMMEDIATE.has(cmd.name));
      if (state === 'oom' && rejectOnOom) {
        this.reject(c, Err.OOM, cmd);
        return;
      }
    }
    if (c.inPubSubMode && !PUBSUB_ALLOWED.has(cmd.name)) {
      this.reject(
        c,
        `ERR Can't execute '${cmd.name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
        cmd,
      );
      return;
    }
    if (this.busyScript && (bits & CMD.ALLOW_BUSY) === 0) {
      this.reject(c, this.scripting.busyError(), cmd);
      return;
    }
    if (this.pause.mustPostpone(c, cmd)) {
      this.postpone(c);
      return;
    }
    if (c.flags & CF.MULTI && !MULTI_IMMEDIATE.has(cmd.name)) {
      c.multiQueue.push({ cmd, argv });
      c.reply.simple('QUEUED');
      return;
    }
    this.currentClient = c;
    this.call(c, cmd);
    this.currentClient = null;
    if (this.blocking.hasReadyKeys()) this.blocking.handleReadyKeys();
  }

  /** CLIENT PAUSE: hold the client (no reply, no further input) until the pause is lifted. */
  private postpone(c: Client): void {
    c.flags |= CF.BLOCKED | CF.POSTPONED;
    this.postponed.push(c);
    c.host?.blockedChanged?.(c, true);
  }

  /** Re-run every postponed command (in arrival order) after a pause ended or became less strict. */
  private releasePostponed(): void {
    const list = this.postponed;
    this.postponed = [];
    for (const c of list) {
      if (!this.clients.has(c.id) && c.host) continue;
      c.flags &= ~(CF.BLOCKED | CF.POSTPONED);
      this.execute(c, c.argv);
      if (!(c.flags & CF.BLOCKED)) {
        c.host?.wantsFlush?.(c);
        c.host?.blockedChanged?.(c, false);
      }
    }
  }

  /** Number of clients held by CLIENT PAUSE (INFO blocked_clients counts them too). */
  get postponedCount(): number {
    return this.postponed.length;
  }

  /** Reject before execution: counts the error, flags an open MULTI as dirty (EXECABORT later). */
  private reject(c: Client, msg: string, cmd: Command | undefined): void {
    if (c.flags & CF.MULTI) c.flags |= CF.DIRTY_EXEC;
    if (cmd) cmd.stats.rejectedCalls++;
    if (cmd?.name === 'exec') {
      // a rejected EXEC ends the transaction (Redis's execCommandAbort)
      discardTransaction(c, this);
      this.replyError(c, `EXECABORT Transaction discarded because of: ${msg}`);
      return;
    }
    this.replyError(c, msg);
  }

  /** Write an error reply and count it in errorstats (use this, not c.reply.error, from handlers). */
  replyError(c: Client, msg: string): void {
    const text = sanitize(msg);
    c.reply.error(text);
    this.stats.countError(text);
    c.errorsInCommand++;
  }

  /** Execute a resolved command with stats, slowlog and monitor feed (Redis's call()). */
  call(c: Client, cmd: Command): void {
    const handler = cmd.handler;
    if (!handler) {
      this.replyError(c, unknownCommand(c.argv));
      return;
    }
    const errorsBefore = c.errorsInCommand;
    const argv = c.argv; // a handler may rewrite c.argv (GEOADD -> ZADD); slowlog and MONITOR show the original
    const start = performance.now();
    // one time for the whole command (and a script's inner calls): keys cannot expire halfway through it
    const outermost = this.callDepth === 0;
    if (outermost) {
      const wall = this.batchWall;
      this.keyspace.freezeTime(wall >= 0 ? wall + Math.floor(start - this.batchMono) : this.keyspace.clock());
    }
    // scripts and functions are shown before the commands they run (Redis's evalCommand/fcallCommand feed first)
    if (this.monitors.size > 0 && (cmd.flagBits & CMD.SKIP_MONITOR) !== 0 && MONITOR_FIRST.has(cmd.name)) this.feedMonitors(c);
    this.callDepth++;
    c.flags |= CF.EXECUTING_COMMAND;
    try {
      handler(c, this);
    } catch (err) {
      // A bug, not an expected failure: answer this client, log, keep serving everyone else.
      const msg = err instanceof Error ? err.message : String(err);
      this.replyError(c, `ERR internal error: ${msg.split('\n')[0] ?? ''}`);
      this.host.log?.('warning', `internal error running '${cmd.name}': ${err instanceof Error ? (err.stack ?? msg) : msg}`);
    } finally {
      this.callDepth--;
      if (this.callDepth === 0) c.flags &= ~CF.EXECUTING_COMMAND;
      if (outermost) this.keyspace.unfreezeTime();
    }
    c.argv = argv;
    if (this.trackingActive) trackingAfterCommand(this, c, cmd);
    const usec = Math.round((performance.now() - start) * 1000);
    c.lastCmd = cmd;
    // Redis 7.0 feeds MONITOR after the command ran (a monitor's own RESET is not shown to it)
    if (this.monitors.size > 0 && (cmd.flagBits & (CMD.SKIP_MONITOR | CMD.ADMIN)) === 0) this.feedMonitors(c);
    if (this.latencyThreshold > 0) {
      latencyMonitor(this).addSampleIfNeeded(cmd.flagBits & CMD.FAST ? 'fast-command' : 'command', usec / 1000);
    }
    const blockedNow = (c.flags & CF.BLOCKED) !== 0;
    if (!blockedNow) {
      cmd.stats.calls++;
      cmd.stats.usec += usec;
      if (c.errorsInCommand > errorsBefore) cmd.stats.failedCalls++;
      this.stats.commandsProcessed++;
    }
    if (usec >= this.slowlogThreshold && this.slowlogThreshold >= 0 && (cmd.flagBits & CMD.SKIP_SLOWLOG) === 0) {
      this.stats.slowlogMaybeAdd(this, c, usec);
    }
  }

  private feedMonitors(c: Client): void {
    const now = Date.now();
    const sec = Math.floor(now / 1000);
    const usec = String((now % 1000) * 1000).padStart(6, '0');
    const addr = c.flags & CF.SCRIPT ? 'lua' : c.conn.type === 'unix' ? `unix:${c.conn.addr}` : c.conn.addr;
    let line = `${sec}.${usec} [${c.db.id} ${addr}]`;
    for (const a of c.argv) line += ` ${quoteRepr(a)}`;
    for (const m of this.monitors) {
      m.reply.simple(line);
      m.host?.wantsFlush?.(m);
    }
  }

  /** Fire-and-forget text for the host's log. */
  log(level: 'debug' | 'verbose' | 'notice' | 'warning', msg: string): void {
    this.host.log?.(level, msg);
  }

  /** Convenience for tests and embedding: run argv on a client and return the raw reply bytes. */
  run(c: Client, argv: (string | number)[]): Buffer {
    this.execute(
      c,
      argv.map((a) => String(a)),
    );
    return c.reply.take();
  }
}

/** Commands that feed MONITOR themselves, before running (their specs carry SKIP_MONITOR). */
const MONITOR_FIRST = new Set(['eval', 'eval_ro', 'evalsha', 'evalsha_ro', 'fcall', 'fcall_ro']);

export function createEngine(opts: EngineOptions = {}): Engine {
  return new Engine(opts);
}

