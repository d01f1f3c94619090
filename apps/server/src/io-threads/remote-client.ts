// RemoteClient: the main thread's side of a client whose connection an IO thread owns. It is the engine's
// ClientHost for that client exactly as NetClient is for a local one, but every effect on the connection becomes an
// operation in the owning worker's next message: reply bytes, job completion, close. A job (a batch of commands from
// the worker) runs here until it is finished or the client blocks (BLPOP, CLIENT PAUSE, a busy script); the rest of
// the batch waits here and runs on unblock, and only then is the job reported complete. Main thread only (guarded).
import { CF, type Client, type ClientHost, type Engine } from '@redwing/commands';
import { checkOwnerThread } from './guard.js';
import { END_ATTACK, END_NONE, END_PROTOCOL } from './protocol.js';
import { executeCommand } from '../execute-command.js';

/** What a RemoteClient needs from its worker handle (io-threads.ts). */
export interface RemoteOwner {
  readonly engine: Engine;
  readonly ownerThread: number;
  /** The worker's shared per-client figures: qbuf at [2 * slot], omem at [2 * slot + 1]. */
  readonly stats: Int32Array | null;
  log(level: 'debug' | 'verbose' | 'notice' | 'warning', msg: string): void;
  /** Queue reply bytes for the worker's next message. */
  sendData(lid: number, bytes: Buffer, pubsub: boolean): void;
  sendDone(lid: number, authenticated: boolean): void;
  sendClose(lid: number, afterReply: boolean): void;
  scheduleFlush(rc: RemoteClient): void;
  scheduleResume(rc: RemoteClient): void;
}

export class RemoteClient implements ClientHost {
  readonly client: Client;
  /** Commands of the current job not run yet (index `next` onwards). */
  private queue: string[][] = [];
  private next = 0;
  private jobOpen = false;
  private jobEnd = END_NONE;
  private jobEndText = '';
  private closing = false;
  /** Closed without flushing (CLIENT KILL, limits): later replies are dropped. */
  private killed = false;
  /** The worker reported the connection gone. */
  gone = false;

  constructor(
    private readonly owner: RemoteOwner,
    readonly lid: number,
    conn: { addr: string; laddr: string; fd: number; type: 'tcp' | 'unix' | 'tls' },
    private readonly slot = -1,
  ) {
    this.client = owner.engine.createClient();
    this.client.host = this;
    this.client.netState = this;
    this.client.conn = { addr: conn.addr, laddr: conn.laddr, fd: conn.fd, type: conn.type };
    if (conn.type === 'unix') this.client.flags |= CF.UNIX_SOCKET;
  }

  get authenticated(): boolean {
    return this.client.authenticated;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** A batch of commands from the worker. The worker never sends a second one before this one is complete. */
  runJob(argvs: string[][], end: number, endText: string): void {
    checkOwnerThread(this.owner.ownerThread, 'RemoteClient.runJob');
    if (this.jobOpen) {
      // The worker broke the one-job-per-client rule: a bug there. Refuse, change nothing.
      this.owner.log('warning', `io-threads: a second job for client id=${this.client.id} while one is unfinished; dropped`);
      return;
    }
    this.jobOpen = true;
    this.queue = argvs;
    this.next = 0;
    this.jobEnd = end;
    this.jobEndText = endText;
    this.drain();
  }

  /** Run queued commands until the job is done or the client blocks; report completion once. */
  private drain(): void {
    const q = this.queue;
    while (this.next < q.length && !this.closing && !(this.client.flags & CF.BLOCKED)) {
      const argv = q[this.next] as string[];
      this.next++;
      this.onCommand(argv);
    }
    if (!this.jobOpen || (!this.closing && (this.next < q.length || this.client.flags & CF.BLOCKED))) return;
    // every command ran (or the client is closing): end the job
    const end = this.jobEnd;
    if (!this.closing && end === END_PROTOCOL) {
      const c = this.client;
      this.owner.log('verbose', `Protocol error (${this.jobEndText}) from client: ${this.describe()}`);
      c.reply.error(`ERR Protocol error: ${this.jobEndText}`);
      this.owner.engine.stats.countError('ERR');
      this.closeAfterReply();
    } else if (!this.closing && end === END_ATTACK) {
      this.owner.log(
        'warning',
        'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.',
      );
      this.closeNow();
    }
    this.queue = [];
    this.next = 0;
    this.jobOpen = false;
    this.flush();
    this.owner.sendDone(this.lid, this.client.authenticated);
  }

  private onCommand(argv: string[]): void {
    const c = this.client;
    executeCommand(this.owner.engine, c, argv);
    if (c.flags & (CF.CLOSE_AFTER_REPLY | CF.CLOSE_ASAP) && !this.closing) this.closeAfterReply();
  }

  private closeAfterReply(): void {
    this.closing = true;
    this.flush();
    this.owner.sendClose(this.lid, true);
  }

  /** Move the client's pending reply bytes into the worker's next message. */
  flush(): void {
    checkOwnerThread(this.owner.ownerThread, 'RemoteClient.flush');
    const c = this.client;
    const reply = c.reply;
    if (reply.length === 0) return;
    if (this.gone || this.killed) {
      reply.reset();
      return;
    }
    const out = reply.take();
    const stats = this.owner.engine.stats;
    stats.netOutputBytes += out.length;
    stats.writesProcessed++;
    const pubsub = (c.flags & CF.PUBSUB) !== 0 || c.channels.size + c.patterns.size + c.shardChannels.size > 0;
    this.owner.sendData(this.lid, out, pubsub);
  }

  // ---- ClientHost ----

  wantsFlush(): void {
    checkOwnerThread(this.owner.ownerThread, 'RemoteClient.wantsFlush');
    this.owner.scheduleFlush(this);
  }

  close(_c: Client, afterReply: boolean): void {
    checkOwnerThread(this.owner.ownerThread, 'RemoteClient.close');
    if (afterReply) {
      if (!this.closing) this.closeAfterReply();
    } else this.closeNow();
  }

  blockedChanged(_c: Client, blocked: boolean): void {
    checkOwnerThread(this.owner.ownerThread, 'RemoteClient.blockedChanged');
    // Blocking needs no message: the job stays open (so the worker parses nothing more) until the rest has run.
    if (!blocked) this.owner.scheduleResume(this);
  }

  /** Continue the job after an unblock (outside any running command). */
  resume(): void {
    checkOwnerThread(this.owner.ownerThread, 'RemoteClient.resume');
    if (this.closing || this.client.flags & CF.BLOCKED) return;
    this.drain();
    this.flush();
  }

  listFields(): Record<string, string | number> {
    const st = this.owner.stats;
    const ok = st !== null && this.slot >= 0;
    return {
      qbuf: ok ? Atomics.load(st, 2 * this.slot) : 0,
      'qbuf-free': 0,
      obl: 0,
      oll: 0,
      omem: ok ? Atomics.load(st, 2 * this.slot + 1) : 0,
    };
  }

  closeNow(): void {
    checkOwnerThread(this.owner.ownerThread, 'RemoteClient.closeNow');
    if (this.killed) return;
    this.closing = true;
    this.killed = true;
    this.client.reply.reset();
    this.owner.sendClose(this.lid, false);
  }

  describe(): string {
    const c = this.client;
    return `id=${c.id} addr=${c.conn.addr} laddr=${c.conn.laddr} fd=${c.conn.fd} name=${c.name} db=${c.db.id}`;
  }
}
