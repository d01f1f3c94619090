// IoThreads: the main thread's side of `io-threads N` (N > 1). Starts N-1 worker threads, each accepting from its own
// duplicate of every listening socket, and turns their per-turn messages into engine work: opens (maxclients and
// protected mode decided here, as for local clients), jobs run by RemoteClient, closes. Replies, job completions and
// close requests of a loop turn go back to each worker in ONE message at the end of the turn (beforeSleep), small
// reply bytes packed into one transferred ArrayBuffer, big ones transferred as they are. Main thread only.
import type { Worker } from 'node:worker_threads';
import type { Engine } from '@redwing/commands';
import { OwnershipError, currentThread, startModuleWorker, type EventLoop } from '@redwing/event-loop';
import type { TlsSettings } from '@redwing/tls';
import type { LogLevel } from '../logger.js';
import { checkOwnerThread } from './guard.js';
import { RemoteClient, type RemoteOwner } from './remote-client.js';
import { M, W, type IoConfig, type ListenerSpec, type MainOpsMessage, type WorkerMessage } from './protocol.js';

/** Length of each worker operation, opcode included. */
const W_SIZE: Record<number, number> = { [W.OPEN]: 7, [W.JOB]: 5, [W.GONE]: 2, [W.LIMIT]: 4, [W.LOG]: 3 };

/** Reply chunks at least this big travel as their own transferred ArrayBuffer instead of being packed. */
const BIG_REPLY = 64 * 1024;

/** What IoThreads needs of the server. */
export interface IoServer {
  readonly engine: Engine;
  readonly loop: EventLoop;
  readonly stats: { clientQbufLimitDisconnections: number; clientOutbufLimitDisconnections: number };
  /** Clients served by the main thread itself (for maxclients). */
  readonly clients: { readonly size: number };
  log(level: LogLevel, msg: string): void;
}

/** Decides whether a new connection is refused: the reply to send before closing, or null to accept. */
export type AdmissionCheck = (type: 'tcp' | 'unix' | 'tls', remoteAddress: string) => string | null;

class IoWorker implements RemoteOwner {
  readonly clients = new Map<number, RemoteClient>();
  readonly ownerThread: number;
  /** The worker's shared per-client figures (qbuf, omem), see STATS_SLOTS. */
  stats: Int32Array | null = null;
  private ops: number[] = [];
  private small: Buffer[] = [];
  private smallBytes = 0;
  private bigs: ArrayBuffer[] = [];
  ready: Promise<void>;
  exited: Promise<void>;
  private stoppedResolve: () => void = () => undefined;
  readonly stopped: Promise<void>;

  constructor(
    private readonly pool: IoThreads,
    readonly index: number,
    readonly worker: Worker,
  ) {
    this.ownerThread = currentThread();
    this.stopped = new Promise((r) => (this.stoppedResolve = r));
    this.exited = new Promise((r) => worker.once('exit', () => r()));
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (msg: WorkerMessage) => {
        if (msg.t === 'ops') this.pool.onWorkerOps(this, msg.ops, msg.inBytes, msg.reads);
        else if (msg.t === 'ready') {
          this.stats = new Int32Array(msg.stats);
          resolve();
        }
        else if (msg.t === 'stopped') this.stoppedResolve();
        else reject(new Error(`io-thread ${index} failed to start: ${msg.text}`));
      });
      worker.once('error', (err) => {
        this.pool.server.log('warning', `io-thread ${index} crashed: ${err.stack ?? err.message}`);
        reject(err);
      });
      worker.once('exit', (code) => {
        this.stoppedResolve();
        reject(new Error(`io-thread ${index} exited`));
        // its connections died with it: forget their clients (unblock, unsubscribe, unwatch) like any closed client
        this.pool.workerExited(this, code);
      });
    });
    this.ready.catch(() => undefined);
  }

  get engine(): Engine {
    return this.pool.server.engine;
  }

  log(level: LogLevel, msg: string): void {
    this.pool.server.log(level, msg);
  }

  sendData(lid: number, bytes: Buffer, pubsub: boolean): void {
    checkOwnerThread(this.ownerThread, 'IoWorker.sendData');
    const len = bytes.length;
    if (len === 0) return;
    if (len >= BIG_REPLY && bytes.byteOffset === 0) {
      // A fresh allocation of its own (ReplyWriter.take hands its buffer over): transfer it, no copy.
      this.ops.push(M.DATA_BIG, lid, this.bigs.length, len, pubsub ? 1 : 0);
      this.bigs.push(bytes.buffer as ArrayBuffer);
    } else {
      this.ops.push(M.DATA, lid, this.smallBytes, len, pubsub ? 1 : 0);
      this.small.push(bytes);
      this.smallBytes += len;
    }
    this.pool.threadedWrites++;
    this.pool.wantPost(this);
  }

  sendDone(lid: number, authenticated: boolean): void {
    checkOwnerThread(this.ownerThread, 'IoWorker.sendDone');
    this.ops.push(M.DONE, lid, authenticated ? 1 : 0);
    this.pool.wantPost(this);
  }

  sendClose(lid: number, afterReply: boolean): void {
    checkOwnerThread(this.ownerThread, 'IoWorker.sendClose');
    this.ops.push(M.CLOSE, lid, afterReply ? 1 : 0);
    this.pool.wantPost(this);
  }

  scheduleFlush(rc: RemoteClient): void {
    this.pool.scheduleFlush(rc);
  }

  scheduleResume(rc: RemoteClient): void {
    this.pool.scheduleResume(rc);
  }

  /** Send this turn's operations in one message. */
  post(): void {
    if (this.ops.length === 0) return;
    let buf: ArrayBuffer | null = null;
    if (this.smallBytes > 0) {
      const packed = Buffer.allocUnsafeSlow(this.smallBytes);
      let off = 0;
      for (const b of this.small) {
        b.copy(packed, off);
        off += b.length;
      }
      buf = packed.buffer;
    }
    const msg: MainOpsMessage = { t: 'ops', ops: this.ops, buf, bigs: this.bigs };
    const transfer: ArrayBuffer[] = buf === null ? [...this.bigs] : [buf, ...this.bigs];
    this.ops = [];
    this.small = [];
    this.smallBytes = 0;
    this.bigs = [];
    this.worker.postMessage(msg, transfer);
  }
}

export class IoThreads {
  readonly workers: IoWorker[] = [];
  readonly ownerThread = currentThread();
  private dirty = new Set<IoWorker>();
  private pendingFlush = new Set<RemoteClient>();
  private pendingResume: RemoteClient[] = [];
  private cronId = -1;
  private closing: Promise<void> | null = null;

  private constructor(
    readonly server: IoServer,
    private readonly admit: AdmissionCheck,
  ) {}

  /** Start `threads - 1` IO threads accepting on `listeners`; resolves once every one is accepting. */
  static async start(
    server: IoServer,
    threads: number,
    listeners: ListenerSpec[],
    admit: AdmissionCheck,
    tls: TlsSettings | null = null,
  ): Promise<IoThreads> {
    const pool = new IoThreads(server, admit);
    const config = pool.currentConfig();
    const url = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
    for (let i = 1; i < threads; i++) {
      const worker = startModuleWorker(url, { workerData: { index: i, listeners, config, tls }, name: `io-thread-${i}` });
      pool.workers.push(new IoWorker(pool, i, worker));
    }
    try {
      await Promise.all(pool.workers.map((w) => w.ready));
    } catch (err) {
      await Promise.all(pool.workers.map((w) => w.worker.terminate()));
      throw err;
    }
    const cfg = server.engine.config;
    for (const name of ['proto-max-bulk-len', 'client-query-buffer-limit', 'client-output-buffer-limit', 'tcp-keepalive', 'requirepass']) {
      cfg.onChange(name, () => pool.broadcastConfig());
    }
    server.loop.onBeforeSleep(() => pool.beforeSleep());
    pool.addInfo();
    pool.cronId = server.loop.createTimeEvent(100, () => pool.cron(), { unref: true });
    server.log('notice', `IO threads: ${threads - 1} worker thread(s) started, each accepting on its own listener`);
    return pool;
  }

  /** Socket reads done by IO threads, and reply chunks handed to them (INFO io_threaded_reads/writes_processed). */
  threadedReads = 0;
  threadedWrites = 0;

  /** INFO: io_threads_active and the threaded read/write counters, layered over the server's own providers. */
  private addInfo(): void {
    const providers = this.server.engine.infoProviders;
    const layer = (section: string, fields: () => [string, string | number][]): void => {
      const prev = providers.get(section);
      providers.set(section, (e) => [...(prev ? prev(e) : []), ...fields()]);
    };
    layer('server', () => [['io_threads_active', 1]]);
    layer('stats', () => [
      ['io_threaded_reads_processed', this.threadedReads],
      ['io_threaded_writes_processed', this.threadedWrites],
    ]);
  }

  /** Clients whose connection an IO thread owns. */
  get clientCount(): number {
    let n = 0;
    for (const w of this.workers) n += w.clients.size;
    return n;
  }

  private currentConfig(): IoConfig {
    const cfg = this.server.engine.config;
    return {
      protoMaxBulkLen: cfg.getNumber('proto-max-bulk-len'),
      queryBufferLimit: cfg.getNumber('client-query-buffer-limit'),
      oblNormal: cfg.outputBufferLimit('normal'),
      oblPubsub: cfg.outputBufferLimit('pubsub'),
      tcpKeepalive: cfg.getNumber('tcp-keepalive'),
      authRequired: cfg.getString('requirepass') !== '',
    };
  }

  /** New TLS settings after a certificate reload: each worker builds its own context for new connections. */
  reloadTls(settings: TlsSettings): void {
    checkOwnerThread(this.ownerThread, 'IoThreads.reloadTls');
    for (const w of this.workers) w.worker.postMessage({ t: 'tls', settings });
  }

  private broadcastConfig(): void {
    const config = this.currentConfig();
    for (const w of this.workers) w.worker.postMessage({ t: 'config', config });
  }

  /** @internal one message of operations from a worker */
  onWorkerOps(w: IoWorker, ops: unknown[], inBytes: number, reads: number): void {
    const server = this.server;
    server.loop.requestBeforeSleep();
    const stats = server.engine.stats;
    stats.netInputBytes += inBytes;
    stats.readsProcessed += reads;
    this.threadedReads += reads;
    for (let i = 0; i < ops.length; ) {
      const op = ops[i] as number;
      const at = i;
      const size = W_SIZE[op] ?? 0;
      if (size === 0) {
        server.log('warning', `io-threads: unknown operation ${op} from io-thread ${w.index}; rest of the message dropped`);
        break;
      }
      i += size;
      try {
        this.runOp(w, op, ops, at);
      } catch (err) {
        // A guard violation or a bug while handling one operation: log it, keep serving everyone else.
        const what = err instanceof OwnershipError ? 'ownership violation' : 'error';
        server.log('warning', `io-threads: ${what} handling an operation from io-thread ${w.index}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
  }

  private runOp(w: IoWorker, op: number, ops: unknown[], at: number): void {
    switch (op) {
      case W.OPEN:
        this.open(w, ops[at + 1] as number, ops[at + 2] as string, ops[at + 3] as string, ops[at + 4] as number, ops[at + 5] as 'tcp' | 'unix' | 'tls', ops[at + 6] as number);
        break;
      case W.JOB:
        w.clients.get(ops[at + 1] as number)?.runJob(ops[at + 2] as string[][], ops[at + 3] as number, ops[at + 4] as string);
        break;
      case W.GONE: {
        const rc = w.clients.get(ops[at + 1] as number);
        if (rc) this.gone(w, rc);
        break;
      }
      case W.LIMIT: {
        const rc = w.clients.get(ops[at + 1] as number);
        if (rc) this.limitClosed(rc, ops[at + 2] as string);
        break;
      }
      case W.LOG:
        this.server.log(ops[at + 1] as LogLevel, ops[at + 2] as string);
        break;
    }
  }

  private open(w: IoWorker, lid: number, addr: string, laddr: string, fd: number, type: 'tcp' | 'unix' | 'tls', slot: number): void {
    const engine = this.server.engine;
    let refusal: string | null = null;
    if (this.server.clients.size + this.clientCount >= engine.config.getNumber('maxclients')) {
      refusal = '-ERR max number of clients reached\r\n';
    } else refusal = this.admit(type, addr);
    if (refusal !== null) {
      w.sendData(lid, Buffer.from(refusal, 'latin1'), false);
      w.sendClose(lid, true);
      engine.stats.rejectedConnections++;
      return;
    }
    w.clients.set(lid, new RemoteClient(w, lid, { addr, laddr, fd, type }, slot));
  }

  /** @internal a worker thread ended (crash, or terminate at close) */
  workerExited(w: IoWorker, code: number): void {
    if (this.closing === null) this.server.log('warning', `io-thread ${w.index} exited unexpectedly (code ${code}); its ${w.clients.size} client(s) are gone`);
    for (const rc of [...w.clients.values()]) this.gone(w, rc);
    this.dirty.delete(w);
  }

  private gone(w: IoWorker, rc: RemoteClient): void {
    rc.gone = true;
    w.clients.delete(rc.lid);
    this.pendingFlush.delete(rc);
    this.server.engine.freeClient(rc.client);
  }

  private limitClosed(rc: RemoteClient, kind: string): void {
    const server = this.server;
    if (kind === 'qbuf') {
      server.log('warning', `Closing client that reached max query buffer length: ${rc.describe()} (qbuf initial bytes: ...)`);
      server.stats.clientQbufLimitDisconnections++;
    } else if (kind === 'obl') {
      server.log('warning', `Client ${rc.describe()} scheduled to be closed ASAP for overcoming of output buffer limits.`);
      server.stats.clientOutbufLimitDisconnections++;
    }
  }

  /** @internal */
  wantPost(w: IoWorker): void {
    this.dirty.add(w);
    this.server.loop.requestBeforeSleep();
  }

  scheduleFlush(rc: RemoteClient): void {
    checkOwnerThread(this.ownerThread, 'IoThreads.scheduleFlush');
    this.pendingFlush.add(rc);
    this.server.loop.requestBeforeSleep();
  }

  scheduleResume(rc: RemoteClient): void {
    checkOwnerThread(this.ownerThread, 'IoThreads.scheduleResume');
    this.pendingResume.push(rc);
    this.server.loop.requestBeforeSleep();
  }

  private beforeSleep(): void {
    while (this.pendingResume.length > 0 || this.pendingFlush.size > 0) {
      while (this.pendingResume.length > 0) {
        const list = this.pendingResume;
        this.pendingResume = [];
        for (const rc of list) if (!rc.gone) rc.resume();
      }
      if (this.pendingFlush.size > 0) {
        const list = this.pendingFlush;
        this.pendingFlush = new Set();
        for (const rc of list) rc.flush();
      }
    }
    if (this.dirty.size > 0) {
      const list = this.dirty;
      this.dirty = new Set();
      for (const w of list) w.post();
    }
  }

  /** Idle-client timeouts for the clients of IO threads (the server's cron covers its own). */
  private cron(): number {
    const engine = this.server.engine;
    const timeout = engine.config.getNumber('timeout');
    if (timeout > 0) {
      const now = Date.now();
      for (const w of this.workers) {
        for (const rc of w.clients.values()) {
          const c = rc.client;
          if (c.flags & 0x8 /* BLOCKED */ || c.subscriptionCount() > 0 || c.shardChannels.size > 0) continue;
          if (now - c.lastInteraction > timeout * 1000) {
            this.server.log('verbose', 'Closing idle client');
            rc.closeNow();
          }
        }
      }
    }
    return 100;
  }

  /** Flush every client, close them after their replies, stop the workers. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = (async () => {
      if (this.cronId >= 0) this.server.loop.deleteTimeEvent(this.cronId);
      for (const w of this.workers) {
        for (const rc of w.clients.values()) rc.flush();
        w.post();
        w.worker.postMessage({ t: 'stop' });
      }
      await Promise.all(
        this.workers.map(async (w) => {
          await Promise.race([w.stopped, new Promise((r) => setTimeout(r, 2000).unref())]);
          await w.worker.terminate();
        }),
      );
      for (const w of this.workers) {
        for (const rc of [...w.clients.values()]) this.gone(w, rc);
      }
    })();
    return this.closing;
  }
}
