// The engine-level client: everything a command may read or change about its caller (argv, selected db,
// protocol, reply buffer, MULTI queue, watched keys, subscriptions, blocking state). The network layer
// (apps/server) owns the socket and attaches connection facts through `conn`; the engine never sees a socket.
import { ReplyWriter, type RespVersion } from '@redwing/resp';
import type { Db } from '@redwing/store';
import type { Command } from './types.js';

/** Client flags (bit set), names after Redis's CLIENT_* flags where they exist. */
export const CF = {
  MULTI: 1 << 0,
  DIRTY_CAS: 1 << 1,
  DIRTY_EXEC: 1 << 2,
  BLOCKED: 1 << 3,
  PUBSUB: 1 << 4,
  CLOSE_AFTER_REPLY: 1 << 5,
  CLOSE_ASAP: 1 << 6,
  MONITOR: 1 << 7,
  REPLY_OFF: 1 << 8,
  REPLY_SKIP_NEXT: 1 << 9,
  REPLY_SKIP: 1 << 10,
  NO_EVICT: 1 << 11,
  NO_TOUCH: 1 << 12,
  SCRIPT: 1 << 13,
  PROTECTED_UNBLOCK: 1 << 14,
  TRACKING: 1 << 15,
  UNIX_SOCKET: 1 << 16,
  READONLY_SCRIPT: 1 << 17,
  EXECUTING_COMMAND: 1 << 18,
  PREVENT_PROP: 1 << 19,
  /** Set while EXEC or a script runs commands: blocking commands must not block (they time out at once). */
  DENY_BLOCKING: 1 << 20,
  /** Held by CLIENT PAUSE; its current argv runs when the pause ends. */
  POSTPONED: 1 << 21,
} as const;

/** What the network layer tells the engine about a connection, for CLIENT LIST/INFO and friends. */
export interface ClientConnInfo {
  addr: string;
  laddr: string;
  fd: number;
  type: 'tcp' | 'unix' | 'tls' | 'none';
}

/** Callbacks from the engine to whoever owns the client's connection. All optional (no-network clients). */
export interface ClientHost {
  /** The client's reply buffer got bytes outside its own command (pub/sub, unblock, invalidation). */
  wantsFlush?(c: Client): void;
  /** Close the connection (CLIENT KILL, QUIT, output-buffer limits): after pending replies if `afterReply`. */
  close?(c: Client, afterReply: boolean): void;
  /** The client stopped/started processing its input (blocking commands, CLIENT PAUSE). */
  blockedChanged?(c: Client, blocked: boolean): void;
  /** Extra CLIENT LIST fields computed by the network layer (qbuf, omem, ...). */
  listFields?(c: Client): Record<string, string | number>;
}

export interface QueuedCommand {
  cmd: Command;
  argv: string[];
}

export class Client {
  readonly id: number;
  argv: string[] = [];
  /** The command being executed (after lookup), or the last one. */
  cmd: Command | undefined;
  lastCmd: Command | undefined;
  db: Db;
  readonly reply: ReplyWriter;
  name = '';
  libName = '';
  libVer = '';
  user = 'default';
  authenticated: boolean;
  flags = 0;
  ctime: number;
  lastInteraction: number;
  conn: ClientConnInfo = { addr: '', laddr: '', fd: -1, type: 'none' };
  host: ClientHost | null = null;
  /** MULTI queue while CF.MULTI is set. */
  multiQueue: QueuedCommand[] = [];
  /** WATCHed keys: "dbIndex\0key" -> true. */
  readonly watched = new Set<string>();
  /** Pub/sub subscriptions of this client. */
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();
  /** Blocking state, managed by the engine's blocking module. */
  blockState: unknown = null;
  /**
   * Pushes produced by the client's own command while CLIENT REPLY is OFF/SKIP (subscribe confirmations):
   * Redis delivers them even then, so the network layer appends these after dropping the command's reply.
   */
  sidePushes: Buffer[] | null = null;
  /** Error replies written during the current command (failed_calls accounting). */
  errorsInCommand = 0;
  /** Opaque slot for the network layer. */
  netState: unknown = null;

  constructor(id: number, db: Db, opts: { protocol?: RespVersion; authenticated?: boolean; now?: number } = {}) {
    this.id = id;
    this.db = db;
    this.reply = new ReplyWriter({ protocol: opts.protocol ?? 2 });
    this.authenticated = opts.authenticated ?? true;
    this.ctime = this.lastInteraction = opts.now ?? Date.now();
  }

  get resp(): RespVersion {
    return this.reply.protocol;
  }
  set resp(v: RespVersion) {
    this.reply.protocol = v;
  }

  get inMulti(): boolean {
    return (this.flags & CF.MULTI) !== 0;
  }

  subscriptionCount(): number {
    return this.channels.size + this.patterns.size;
  }

  /** Whether this client is in RESP2 subscribed mode (only pub/sub commands allowed). */
  get inPubSubMode(): boolean {
    return this.resp === 2 && this.channels.size + this.patterns.size + this.shardChannels.size > 0;
  }
}
