// Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, XREAD BLOCK, ...). A handler that cannot be served calls
// `block()` and writes nothing; when a key it waits on is signalled ready (the store's keyReady hook, raised by
// pushes/adds), the blocked clients are served in arrival order by re-running their command (with the argv saved
// at block time, which handlers may rewrite first, e.g. XREAD's `$`). If the re-run cannot be served it calls
// block() again, which leaves the client blocked in its place. Timeouts answer the command's timeout reply.
import type { Db } from '@redwing/store';
import { CF, type Client } from '../client.js';
import type { Engine } from '../engine.js';
import type { Command } from '../types.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

export type TimeoutReply = 'nullarray' | 'null' | 'emptyarray';

interface BlockInfo {
  db: Db;
  keys: string[];
  ids: string[];
  deadline: number; // absolute ms, 0 = forever
  timer: unknown;
  timeoutReply: TimeoutReply;
  cmd: Command;
  argv: string[];
  since: number;
}

export class BlockingState {
  /** "db:key" -> blocked clients in arrival order. */
  private readonly byKey = new Map<string, Client[]>();
  private ready = new Map<string, { db: Db; key: string }>();
  private reexecuting: Client | null = null;
  private stillBlocked = false;
  private readonly blocked = new Set<Client>();
  /** Total keys with blocked clients (INFO blocked_keys... not in 7.0, kept for introspection). */

  constructor(private readonly engine: Engine) {}

  get blockedCount(): number {
    return this.blocked.size;
  }

  /** Whether the client may block now (not inside EXEC or a script). */
  canBlock(c: Client): boolean {
    return (c.flags & (CF.DENY_BLOCKING | CF.SCRIPT)) === 0;
  }

  /**
   * Block `c` on `keys` of its db until one is ready or `deadline` (absolute ms; 0 = forever).
   * Must be the last thing a handler does; the handler writes no reply.
   */
  block(c: Client, keys: readonly string[], deadline: number, timeoutReply: TimeoutReply, argv?: string[]): void {
    if (this.reexecuting === c) {
      this.stillBlocked = true;
      if (argv) (c.blockState as BlockInfo).argv = argv;
      return;
    }
    const info: BlockInfo = {
      db: c.db,
      keys: [...new Set(keys)],
      ids: [],
      deadline,
      timer: undefined,
      timeoutReply,
      cmd: c.cmd as Command,
      argv: argv ?? c.argv,
      since: Date.now(),
    };
    for (const k of info.keys) {
      const id = `${c.db.id}:${k}`;
      info.ids.push(id);
      let q = this.byKey.get(id);
      if (!q) this.byKey.set(id, (q = []));
      q.push(c);
    }
    if (deadline > 0) this.armTimer(c, info);
    c.flags |= CF.BLOCKED;
    c.blockState = info;
    this.blocked.add(c);
    c.host?.blockedChanged?.(c, true);
  }

  /** Timers take at most 2^31-1 ms: longer timeouts re-arm until the deadline. */
  private armTimer(c: Client, info: BlockInfo): void {
    const ms = Math.max(0, info.deadline - Date.now());
    const step = Math.min(ms, MAX_TIMER_MS);
    const host = this.engine.host;
    const final = step === ms;
    const fire = (): void => {
      if (c.blockState !== info) return;
      if (final) this.timeout(c);
      else this.armTimer(c, info);
    };
    info.timer = host.setTimer ? host.setTimer(step, fire) : setTimeout(fire, step);
  }

  isBlocked(c: Client): boolean {
    return (c.flags & CF.BLOCKED) !== 0;
  }

  /** The store's keyReady hook. Cheap when nobody is blocked on the key. */
  signalKeyReady(db: Db, key: string): void {
    if (this.byKey.size === 0) return;
    const id = `${db.id}:${key}`;
    if (!this.byKey.has(id) || this.ready.has(id)) return;
    this.ready.set(id, { db, key });
  }

  /** FLUSHDB/FLUSHALL/SWAPDB: every key with blocked clients in `dbIndex` (-1 = all dbs) is re-checked. */
  signalAll(dbIndex: number): void {
    for (const [id, queue] of this.byKey) {
      const c = queue[0];
      const info = c?.blockState as BlockInfo | null | undefined;
      if (!info || (dbIndex !== -1 && info.db.id !== dbIndex)) continue;
      const key = id.slice(id.indexOf(':') + 1);
      if (!this.ready.has(id)) this.ready.set(id, { db: info.db, key });
    }
  }

  hasReadyKeys(): boolean {
    return this.ready.size > 0;
  }

  /** Serve clients blocked on ready keys, in arrival order, until no key is ready. */
  handleReadyKeys(): void {
    while (this.ready.size > 0) {
      const batch = this.ready;
      this.ready = new Map();
      for (const [id] of batch) {
        const queue = this.byKey.get(id);
        if (!queue) continue;
        for (const c of [...queue]) {
          if (!this.blocked.has(c)) continue;
          this.reexecute(c);
        }
      }
    }
  }

  private reexecute(c: Client): void {
    const info = c.blockState as BlockInfo;
    const prevArgv = c.argv;
    const prevDb = c.db;
    c.argv = info.argv;
    c.db = info.db;
    const errorsBefore = c.errorsInCommand;
    this.reexecuting = c;
    this.stillBlocked = false;
    try {
      this.engine.call(c, info.cmd);
    } finally {
      this.reexecuting = null;
    }
    c.argv = prevArgv;
    c.db = prevDb;
    if (!this.stillBlocked) {
      // call() skipped the stats while the client was still flagged blocked: the command completes now
      info.cmd.stats.calls++;
      if (c.errorsInCommand > errorsBefore) info.cmd.stats.failedCalls++;
      this.engine.stats.commandsProcessed++;
      this.unblock(c, 'none');
      c.host?.wantsFlush?.(c);
    }
  }

  private timeout(c: Client): void {
    const info = c.blockState as BlockInfo | null;
    if (!info) return;
    info.timer = undefined;
    this.unblock(c, 'timeout');
    c.host?.wantsFlush?.(c);
  }

  /**
   * Unblock a client. 'timeout' writes the command's timeout reply, 'error' the CLIENT UNBLOCK error,
   * 'none' writes nothing (served, or the client is going away). Returns false if it was not blocked.
   */
  unblock(c: Client, how: 'none' | 'timeout' | 'error'): boolean {
    const info = c.blockState as BlockInfo | null;
    if (!info || !this.blocked.has(c)) return false;
    for (const id of info.ids) {
      const q = this.byKey.get(id);
      if (!q) continue;
      const i = q.indexOf(c);
      if (i >= 0) q.splice(i, 1);
      if (q.length === 0) this.byKey.delete(id);
    }
    if (info.timer !== undefined) {
      const host = this.engine.host;
      if (host.clearTimer) host.clearTimer(info.timer);
      else clearTimeout(info.timer as ReturnType<typeof setTimeout>);
    }
    this.blocked.delete(c);
    c.flags &= ~CF.BLOCKED;
    c.blockState = null;
    if (how === 'timeout') {
      if (info.timeoutReply === 'null') c.reply.null();
      else if (info.timeoutReply === 'emptyarray') c.reply.arrayHeader(0);
      else c.reply.nullArray();
      info.cmd.stats.calls++;
      this.engine.stats.commandsProcessed++;
    } else if (how === 'error') {
      this.engine.replyError(c, 'UNBLOCKED client unblocked via CLIENT UNBLOCK');
      info.cmd.stats.calls++;
      info.cmd.stats.failedCalls++;
    }
    c.host?.blockedChanged?.(c, false);
    return true;
  }

  /** Absolute deadline from a BLPOP-style timeout argument already parsed to seconds (0 = forever). */
  deadlineFromSeconds(sec: number): number {
    return sec === 0 ? 0 : Date.now() + sec * 1000;
  }

  /** Blocked client's key list and type for CLIENT LIST flags / INFO. */
  blockedKeys(c: Client): readonly string[] {
    return (c.blockState as BlockInfo | null)?.keys ?? [];
  }
}
