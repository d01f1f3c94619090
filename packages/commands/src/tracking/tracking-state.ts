// Client-side caching (Redis 7.0's tracking.c semantics): per-client tracking options, the tracking table
// (key -> ids of clients that read it), the BCAST prefix table, and invalidation delivery (RESP3 `invalidate`
// pushes, or `__redis__:invalidate` messages to a RESP2 redirect client). State lives beside the Engine in
// WeakMaps; the store's keyModified hook and each Db's flush are wrapped (chained) when tracking is first enabled.
// The engine must call `trackingAfterCommand(e, c, cmd)` at the end of every call() (see the function's doc).
import type { Db } from '@redwing/store';
import { CF, type Client } from '../client.js';
import type { Engine } from '../engine.js';
import { CMD, type Command } from '../types.js';
import { keysFromSpecs } from '../introspection/command-generic.js';
import type { InfoFields } from '../server/info.js';

export const INVALIDATE_CHANNEL = '__redis__:invalidate';

/** One client's tracking options (present only while tracking is on, plus prefixes as Redis keeps them). */
export interface ClientTracking {
  on: boolean;
  redirect: number;
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  /** CLIENT CACHING YES (optin) / NO (optout) given for the next command. */
  caching: boolean;
  brokenRedirect: boolean;
  /** BCAST prefixes, kept sorted bytewise as Redis's rax returns them. */
  prefixes: string[];
}

interface BcastState {
  /** Keys modified since the last broadcast -> the client that modified them (NOLOOP). */
  keys: Map<string, Client | null>;
  clients: Set<Client>;
}

/** A pending invalidation for the current client: a key, or null for a flush. */
type Pending = string | null;

export class TrackingState {
  /** key -> ids of clients that may have cached it. */
  readonly table = new Map<string, Set<number>>();
  /** Total ids across the table (INFO tracking_total_items). */
  totalItems = 0;
  readonly prefixTable = new Map<string, BcastState>();
  /** Clients with tracking on (INFO tracking_clients). */
  readonly trackingClients = new Set<Client>();
  /** Invalidations for clients whose command is running, delivered after their reply. */
  private pending = new Map<Client, Pending[]>();
  private installed = false;
  private flushedInCommand = false;
  private bcastDirty = false;
  private microtaskArmed = false;

  constructor(private readonly engine: Engine) {}

  /** Chain onto the store's keyModified hook, wrap Db.flush, and add INFO fields. Idempotent. */
  install(): void {
    if (this.installed) return;
    this.installed = true;
    const e = this.engine;
    const hooks = e.keyspace.hooks;
    const prev = hooks.keyModified?.bind(hooks);
    hooks.keyModified = (db: Db, key: string) => {
      prev?.(db, key);
      this.invalidateKey(key, true);
    };
    for (const db of e.keyspace.dbs) {
      const origFlush = db.flush.bind(db);
      db.flush = () => {
        this.invalidateOnFlush();
        origFlush();
      };
    }
    // from now on Engine.call() runs trackingAfterCommand after every command
    e.trackingActive = true;
    this.wrapInfo('clients', (s) => {
      s.sweepGone();
      return [['tracking_clients', s.trackingClients.size]];
    });
    this.wrapInfo('stats', (s) => [
      ['tracking_total_keys', s.table.size],
      ['tracking_total_items', s.totalItems],
      ['tracking_total_prefixes', s.prefixTable.size],
    ]);
  }

  private wrapInfo(section: string, fields: (s: TrackingState) => InfoFields): void {
    const e = this.engine;
    const prev = e.infoProviders.get(section);
    e.infoProviders.set(section, (eng) => [...(prev ? prev(eng) : []), ...fields(this)]);
  }

  // ---- enabling / disabling ----

  enable(c: Client, t: ClientTracking, redirect: number, opts: { bcast: boolean; optin: boolean; optout: boolean; noloop: boolean }, prefixes: string[]): void {
    this.install();
    t.on = true;
    c.flags |= CF.TRACKING;
    this.trackingClients.add(c);
    t.brokenRedirect = t.bcast = t.optin = t.optout = t.noloop = false;
    t.redirect = redirect;
    if (opts.bcast) {
      t.bcast = true;
      if (prefixes.length === 0) this.addPrefix(c, t, '');
      for (const p of prefixes) this.addPrefix(c, t, p);
    }
    t.optin = opts.optin;
    t.optout = opts.optout;
    t.noloop = opts.noloop;
  }

  private addPrefix(c: Client, t: ClientTracking, p: string): void {
    let bs = this.prefixTable.get(p);
    if (!bs) this.prefixTable.set(p, (bs = { keys: new Map(), clients: new Set() }));
    if (!bs.clients.has(c)) {
      bs.clients.add(c);
      if (!t.prefixes.includes(p)) {
        t.prefixes.push(p);
        t.prefixes.sort(byteCompare);
      }
    }
  }

  disable(c: Client): void {
    const t = clientTrackingOf(c);
    if (!t) return;
    if (t.bcast) {
      for (const p of t.prefixes) this.removeFromPrefix(c, p);
      t.prefixes = [];
    }
    if (t.on) {
      this.trackingClients.delete(c);
      t.on = t.bcast = t.optin = t.optout = t.noloop = t.caching = t.brokenRedirect = false;
      c.flags &= ~CF.TRACKING;
    }
  }

  private removeFromPrefix(c: Client, p: string): void {
    const bs = this.prefixTable.get(p);
    if (!bs) return;
    bs.clients.delete(c);
    if (bs.clients.size === 0) this.prefixTable.delete(p);
  }

  /** Drop clients that disconnected without disabling tracking (the engine frees them without telling us). */
  sweepGone(): void {
    const e = this.engine;
    for (const c of this.trackingClients) if (!isAlive(e, c)) this.disable(c);
  }

  // ---- remembering keys ----

  rememberKeys(c: Client, cmd: Command, argv: readonly string[]): void {
    const t = clientTrackingOf(c);
    if (!t?.on || t.bcast) return;
    if ((t.optin && !t.caching) || (t.optout && t.caching)) return;
    if (cmd.flagBits & CMD.PUBSUB) return;
    const keys = keysFromSpecs(cmd, argv);
    if (!keys) return;
    for (const k of keys) {
      const key = argv[k.pos];
      if (key === undefined) continue;
      let ids = this.table.get(key);
      if (!ids) this.table.set(key, (ids = new Set()));
      if (!ids.has(c.id)) {
        ids.add(c.id);
        this.totalItems++;
      }
    }
  }

  // ---- invalidation ----

  /** A key changed (Redis's trackingInvalidateKey). `bcast` also queues it for BCAST clients. */
  invalidateKey(key: string, bcast: boolean, noCurrent = false): void {
    const e = this.engine;
    const current = noCurrent ? null : e.currentClient;
    if (bcast && this.prefixTable.size > 0) {
      for (const [p, bs] of this.prefixTable) {
        if (key.startsWith(p)) {
          bs.keys.set(key, current);
          this.bcastDirty = true;
        }
      }
      if (this.bcastDirty && e.callDepth === 0) this.armMicrotask();
    }
    const ids = this.table.get(key);
    if (!ids) return;
    this.table.delete(key);
    this.totalItems -= ids.size;
    for (const id of ids) {
      const target = e.clients.get(id);
      if (!target) continue;
      const t = clientTrackingOf(target);
      if (!t?.on || t.bcast) continue;
      // The client whose command runs now: the top-level caller, or a blocked client being served.
      const running = !noCurrent && (target === current || (target.flags & CF.EXECUTING_COMMAND) !== 0);
      if (t.noloop && running) continue;
      if (running && e.callDepth > 0) this.queue(target, key);
      else this.send(target, [key]);
    }
  }

  /** FLUSHDB/FLUSHALL: every tracking client gets a null invalidation; the table is emptied. */
  invalidateOnFlush(): void {
    if (this.flushedInCommand) return;
    const e = this.engine;
    if (e.callDepth > 0) this.flushedInCommand = true;
    this.sweepGone();
    for (const c of this.trackingClients) {
      if (e.callDepth > 0 && (c === e.currentClient || c.flags & CF.EXECUTING_COMMAND)) this.queue(c, null);
      else this.send(c, null);
    }
    this.table.clear();
    this.totalItems = 0;
  }

  /** Redis's sendTrackingMessage: `keys` null means "everything" (flush). */
  send(c: Client, keys: readonly string[] | null): void {
    const e = this.engine;
    const t = clientTrackingOf(c);
    if (!t) return;
    let target = c;
    let redirected = false;
    if (t.redirect) {
      const r = e.clients.get(t.redirect);
      // A client that is closing (QUIT, CLIENT KILL) is gone for Redis by the time anyone else runs a command.
      if (!r || r.flags & (CF.CLOSE_AFTER_REPLY | CF.CLOSE_ASAP)) {
        t.brokenRedirect = true;
        if (c.resp > 2) {
          c.reply.pushHeader(2);
          c.reply.bulk('tracking-redir-broken');
          c.reply.integer(t.redirect);
          c.host?.wantsFlush?.(c);
        }
        return;
      }
      target = r;
      redirected = true;
    }
    const w = target.reply;
    if (target.resp > 2) {
      w.pushHeader(2);
      w.bulk('invalidate');
    } else if (redirected && target.subscriptionCount() + target.shardChannels.size > 0) {
      w.pushHeader(3);
      w.bulk('message');
      w.bulk(INVALIDATE_CHANNEL);
    } else return;
    if (keys === null) {
      // Redis writes the null of the tracking client's protocol.
      w.raw(c.resp > 2 ? '_\r\n' : '$-1\r\n');
    } else {
      w.arrayHeader(keys.length);
      for (const k of keys) w.bulk(k);
    }
    target.host?.wantsFlush?.(target);
  }

  /** Deliver BCAST invalidations collected since the last call (Redis does this in beforeSleep). */
  broadcast(): void {
    if (!this.bcastDirty) return;
    this.bcastDirty = false;
    const e = this.engine;
    for (const [p, bs] of this.prefixTable) {
      if (bs.keys.size === 0) continue;
      const all = [...bs.keys.keys()].sort(byteCompare);
      for (const c of [...bs.clients]) {
        if (!isAlive(e, c)) {
          this.disable(c);
          continue;
        }
        const t = clientTrackingOf(c);
        if (t?.noloop) {
          const mine = all.filter((k) => bs.keys.get(k) !== c);
          if (mine.length > 0) this.send(c, mine);
        } else this.send(c, all);
      }
      const still = this.prefixTable.get(p);
      if (still) still.keys = new Map();
    }
  }

  /** tracking-table-max-keys: evict tracked keys (sending invalidations) until under the limit. */
  limitUsedSlots(): void {
    const max = this.engine.config.getNumber('tracking-table-max-keys');
    if (max <= 0 || this.table.size <= max) return;
    for (const key of this.table.keys()) {
      if (this.table.size <= max) break;
      this.invalidateKey(key, false, true);
    }
  }

  private queue(c: Client, k: Pending): void {
    const list = this.pending.get(c);
    if (list) list.push(k);
    else this.pending.set(c, [k]);
  }

  /** After a top-level command: pending invalidations (after the replies), broadcasts, table limit. */
  afterTopLevel(): void {
    this.flushedInCommand = false;
    if (this.pending.size > 0) {
      const all = this.pending;
      this.pending = new Map();
      for (const [c, list] of all) {
        if (!isAlive(this.engine, c)) continue;
        for (const k of list) this.send(c, k === null ? null : [k]);
      }
    }
    this.broadcast();
    this.limitUsedSlots();
  }

  private armMicrotask(): void {
    if (this.microtaskArmed) return;
    this.microtaskArmed = true;
    queueMicrotask(() => {
      this.microtaskArmed = false;
      if (this.engine.callDepth === 0) this.broadcast();
    });
  }
}

function isAlive(e: Engine, c: Client): boolean {
  return e.clients.get(c.id) === c;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const states = new WeakMap<Engine, TrackingState>();
const perClient = new WeakMap<Client, ClientTracking>();

/** The engine's tracking state (created on first use; hooks are installed when tracking is first enabled). */
export function trackingState(e: Engine): TrackingState {
  let s = states.get(e);
  if (!s) states.set(e, (s = new TrackingState(e)));
  return s;
}

/** The client's tracking options, or undefined when it never enabled tracking. */
export function clientTrackingOf(c: Client): ClientTracking | undefined {
  return perClient.get(c);
}

/** The client's tracking options, created (off) on first use. */
export function clientTracking(c: Client): ClientTracking {
  let t = perClient.get(c);
  if (!t) {
    t = { on: false, redirect: 0, bcast: false, optin: false, optout: false, noloop: false, caching: false, brokenRedirect: false, prefixes: [] };
    perClient.set(c, t);
  }
  return t;
}

/** Read-only scripts are not tracked themselves; the commands they run are. */
const SCRIPT_RO = new Set(['eval_ro', 'evalsha_ro', 'fcall_ro']);

/**
 * The engine's after-command hook. Call it at the end of Engine.call(), after the handler ran and callDepth was
 * decremented, for every command (nested ones in EXEC/scripts too): `trackingAfterCommand(this, c, cmd)`.
 * - read-only commands remember their keys for the calling client (the script's caller for script calls);
 * - at top level (callDepth 0): pending invalidations for the caller are sent after its reply, BCAST
 *   invalidations go out, the table is trimmed to tracking-table-max-keys, and CLIENT CACHING's one-shot flag
 *   is reset (unless in MULTI or the command was a CLIENT subcommand).
 */
export function trackingAfterCommand(e: Engine, c: Client, cmd: Command): void {
  const s = states.get(e);
  if (!s) return;
  afterCommand(e, s, c, cmd);
}

function afterCommand(e: Engine, s: TrackingState, c: Client, cmd: Command): void {
  if (cmd.flagBits & CMD.READONLY && !SCRIPT_RO.has(cmd.name)) {
    // Inside a script, a read command makes the script's caller track the script's declared keys.
    const caller = c.flags & CF.SCRIPT && e.currentClient ? e.currentClient : c;
    if (caller.flags & CF.TRACKING) {
      if (caller === c) s.rememberKeys(c, cmd, c.argv);
      else if (caller.cmd) s.rememberKeys(caller, caller.cmd, caller.argv);
    }
  }
  if (e.callDepth > 0) return;
  const caller = c.flags & CF.SCRIPT && e.currentClient ? e.currentClient : c;
  s.afterTopLevel();
  const t = clientTrackingOf(caller);
  if (t?.caching && !(caller.flags & CF.MULTI) && !cmd.name.startsWith('client|')) t.caching = false;
}
