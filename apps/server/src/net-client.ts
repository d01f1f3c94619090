// One connected client: the glue between a Connection (bytes), the RequestParser (commands) and the Engine
// (execution). Enforces the per-connection rules of BAD-INPUT.md: protocol errors answer once and close, the
// cross-protocol guard, query-buffer and unauthenticated limits, output-buffer limits, close-after-reply.
import { writeSync } from 'node:fs';
import { CF, type Client, type ClientHost } from '@redwing/commands';
import type { Connection } from '@redwing/event-loop';
import { RequestParser, type ProtocolError } from '@redwing/resp';
import type { RedwingServer } from './server.js';
import { executeCommand } from './execute-command.js';

/** Before AUTH, a client may not buffer more than this (Redis: 1 MiB). */
const UNAUTH_QUERY_LIMIT = 1024 * 1024;

export class NetClient implements ClientHost {
  readonly client: Client;
  readonly parser: RequestParser;
  private closing = false;
  /** Set once the output is above the soft limit (ms since epoch). */
  private softLimitSince = 0;

  constructor(
    private readonly server: RedwingServer,
    readonly conn: Connection,
  ) {
    const engine = server.engine;
    this.client = engine.createClient();
    this.client.host = this;
    this.client.netState = this;
    this.client.conn = { addr: conn.remoteAddress, laddr: conn.localAddress, fd: conn.fd, type: conn.type };
    if (conn.type === 'unix') this.client.flags |= CF.UNIX_SOCKET;
    this.parser = new RequestParser({
      argType: 'latin1',
      onCommand: (args) => this.onCommand(args as string[]),
      onError: (err) => this.onProtocolError(err),
      maxBulkLength: engine.config.getNumber('proto-max-bulk-len'),
      maxMultibulkLength: 2147483647,
      authenticated: this.client.authenticated,
    });
    conn.setReadHandler((chunk) => this.onRead(chunk));
    conn.setCloseHandler(() => this.onClosed());
    conn.setNoDelay(true);
    const ka = engine.config.getNumber('tcp-keepalive');
    if (ka > 0 && conn.type === 'tcp') conn.setKeepAlive(true, ka);
  }

  private onRead(chunk: Buffer): void {
    if (this.closing) return;
    const stats = this.server.engine.stats;
    stats.netInputBytes += chunk.length;
    stats.readsProcessed++;
    this.parser.maxBulkLength = this.server.protoMaxBulkLen;
    const engine = this.server.engine;
    engine.beginBatch();
    try {
      this.parser.feed(chunk);
    } finally {
      engine.endBatch();
    }
    if (!this.closing) {
      const buffered = this.parser.bufferedBytes;
      if (buffered > this.server.queryBufferLimit) {
        this.server.log('warning', `Closing client that reached max query buffer length: ${this.describe()} (qbuf initial bytes: ...)`);
        this.server.stats.clientQbufLimitDisconnections++;
        this.closeNow();
        return;
      }
      if (!this.client.authenticated && buffered > UNAUTH_QUERY_LIMIT) {
        this.closeNow();
        return;
      }
    }
    this.flush();
  }

  private onCommand(argv: string[]): void {
    if (this.closing) return;
    const c = this.client;
    const first = argv[0] ?? '';
    if (first.length <= 5 && isCrossProtocol(first)) {
      this.server.log('warning', 'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.');
      this.closeNow();
      return;
    }
    executeCommand(this.server.engine, c, argv);
    if (this.parser.authenticated !== c.authenticated) this.parser.authenticated = c.authenticated;
    if (c.flags & (CF.CLOSE_AFTER_REPLY | CF.CLOSE_ASAP)) {
      this.parser.pause();
      this.closing = true;
      this.flush();
      this.conn.closeAfterFlush();
    }
  }

  private onProtocolError(err: ProtocolError): void {
    const c = this.client;
    this.server.log('verbose', `Protocol error (${err.message}) from client: ${this.describe()}`);
    c.reply.error(`ERR Protocol error: ${err.message}`);
    this.server.engine.stats.countError('ERR');
    this.closing = true;
    this.flush();
    this.conn.closeAfterFlush();
  }

  /** Move the client's pending reply bytes to the connection (written at the end of the loop turn). */
  flush(): void {
    const reply = this.client.reply;
    if (reply.length > 0 && !this.conn.closed) {
      const out = reply.take();
      this.server.engine.stats.netOutputBytes += out.length;
      this.server.engine.stats.writesProcessed++;
      this.conn.write(out);
      this.checkOutputLimits();
    }
  }

  /**
   * Whether busy-poll.ts may read this client's fd synchronously: a plain TCP/unix socket with a known fd, open,
   * and nothing already read by Node but not yet delivered (which would otherwise be overtaken).
   */
  canPollSync(): boolean {
    const conn = this.conn;
    if (this.closing || conn.closed || conn.fd < 0 || (conn.type !== 'tcp' && conn.type !== 'unix')) return false;
    const sock = (conn as unknown as { socket?: { readableLength?: number } }).socket;
    return sock !== undefined && (sock.readableLength ?? 0) === 0;
  }

  /** Input read by busy-poll.ts while a script is stuck: parsed and executed as usual (the engine answers BUSY). */
  feedWhileBusy(chunk: Buffer): void {
    const stats = this.server.engine.stats;
    stats.netInputBytes += chunk.length;
    stats.readsProcessed++;
    this.parser.feed(chunk);
    if (!this.closing && this.parser.bufferedBytes > this.server.queryBufferLimit) this.closeNow();
  }

  /**
   * Write the pending reply now with writeSync (the event loop is not running); what the socket does not take,
   * or anything behind already queued output, goes to the normal queued path.
   */
  flushSync(): void {
    const reply = this.client.reply;
    if (reply.length === 0 || this.conn.closed) return;
    if (this.conn.pendingWriteBytes > 0) {
      this.flush();
      return;
    }
    const out = reply.take();
    const stats = this.server.engine.stats;
    stats.netOutputBytes += out.length;
    stats.writesProcessed++;
    let off = 0;
    try {
      while (off < out.length) off += writeSync(this.conn.fd, out, off, out.length - off);
    } catch {
      // EAGAIN (socket full) or a dead peer: the rest goes the normal way, which reports errors
    }
    if (off < out.length) this.conn.write(out.subarray(off));
  }

  private checkOutputLimits(): void {
    const c = this.client;
    const cls = c.flags & CF.PUBSUB || c.channels.size + c.patterns.size + c.shardChannels.size > 0 ? 'pubsub' : 'normal';
    const [hard, soft, softSec] = this.server.engine.config.outputBufferLimit(cls);
    if (hard === 0 && soft === 0) return;
    const used = this.conn.pendingWriteBytes;
    let over = hard > 0 && used >= hard;
    if (!over && soft > 0 && used >= soft) {
      const now = Date.now();
      if (this.softLimitSince === 0) this.softLimitSince = now;
      else if (now - this.softLimitSince >= softSec * 1000) over = true;
    } else if (soft > 0 && used < soft) this.softLimitSince = 0;
    if (over) {
      this.server.log('warning', `Client ${this.describe()} scheduled to be closed ASAP for overcoming of output buffer limits.`);
      this.server.stats.clientOutbufLimitDisconnections++;
      this.closeNow();
    }
  }

  // ---- ClientHost ----

  wantsFlush(): void {
    this.server.scheduleFlush(this);
  }

  close(_c: Client, afterReply: boolean): void {
    if (afterReply) {
      this.closing = true;
      this.parser.pause();
      this.flush();
      this.conn.closeAfterFlush();
    } else this.closeNow();
  }

  blockedChanged(_c: Client, blocked: boolean): void {
    if (blocked) this.parser.pause();
    else this.server.scheduleResume(this);
  }

  /** Resume parsing after an unblock (outside any running command). */
  resume(): void {
    if (this.closing || this.client.flags & CF.BLOCKED) return;
    const engine = this.server.engine;
    engine.beginBatch();
    try {
      this.parser.resume();
    } finally {
      engine.endBatch();
    }
    this.flush();
  }

  listFields(): Record<string, string | number> {
    return {
      qbuf: this.parser.bufferedBytes,
      'qbuf-free': 0,
      obl: 0,
      oll: 0,
      omem: this.conn.pendingWriteBytes,
    };
  }

  closeNow(): void {
    this.closing = true;
    this.parser.pause();
    this.conn.close();
  }

  private onClosed(): void {
    this.closing = true;
    this.server.onClientClosed(this);
  }

  describe(): string {
    const c = this.client;
    return `id=${c.id} addr=${c.conn.addr} laddr=${c.conn.laddr} fd=${c.conn.fd} name=${c.name} db=${c.db.id}`;
  }
}

/** "POST" or "Host:" in any case: an HTTP request sent to the Redis port (cross-protocol scripting). */
function isCrossProtocol(first: string): boolean {
  const c0 = first.charCodeAt(0) | 0x20;
  if (c0 !== 0x70 && c0 !== 0x68) return false; // only names starting with p/P or h/H can match
  const lower = first.toLowerCase();
  return lower === 'post' || lower === 'host:';
}
