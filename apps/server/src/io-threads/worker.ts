// The IO thread (a worker_threads entry module). It accepts from its own duplicate of each listening socket and owns
// those connections for life: reads, RESP parsing with the limits of BAD-INPUT.md (protocol errors, query-buffer
// and unauthenticated limits, the cross-protocol guard), reply writing and output-buffer limits. Commands go to the
// main thread as one job per client at a time (ClientJobs); input that arrives meanwhile stays in the parser and is
// taken up when the job completes. Everything here runs on this thread; the main thread is reached by messages only.
import { parentPort, workerData } from 'node:worker_threads';
import { EventLoop, ClientJobs, OwnershipError, acceptOn, shareListener, type Connection, type Listener } from '@redwing/event-loop';
import { RequestParser, type ProtocolError } from '@redwing/resp';
import { acceptTlsOn, loadTlsContext, type TlsListener, type TlsSettings } from '@redwing/tls';
import {
  END_ATTACK,
  END_NONE,
  END_PROTOCOL,
  M,
  W,
  type IoConfig,
  type IoWorkerData,
  type MainMessage,
  type MainOpsMessage,
  type WorkerMessage,
  STATS_SLOTS,
} from './protocol.js';

/** Before AUTH, a client may not buffer more than this (Redis: 1 MiB). */
const UNAUTH_QUERY_LIMIT = 1024 * 1024;
const INT_MAX = 2147483647;

// Postponed updates (ClientJobs flags): applied once, by this thread, when the client's job completes.
/** Input arrived while a job was pending: parse it. */
const U_INPUT = 1;
/** The job's commands ran: take up parsing again. */
const U_RESUME = 2;
/** The main thread reported the client's authentication state: update the parser's limits. */
const U_AUTH = 4;

const port = parentPort;
if (port === null) throw new Error('io-threads worker started outside a worker thread');
const data = workerData as IoWorkerData;
let config: IoConfig = data.config;
const loop = new EventLoop({ name: `io-${data.index}` });
const clients = new Map<number, WorkerClient>();
const listeners: Listener[] = [];
const tlsListeners: TlsListener[] = [];
let nextLid = 1;
let ops: unknown[] = [];
let inBytes = 0;
let reads = 0;
let stopping = false;
const statsBuffer = new SharedArrayBuffer(STATS_SLOTS * 2 * 4);
const stats = new Int32Array(statsBuffer);
const freeSlots: number[] = [];
let nextSlot = 0;

function takeSlot(): number {
  const s = freeSlots.pop();
  if (s !== undefined) return s;
  return nextSlot < STATS_SLOTS ? nextSlot++ : -1;
}

function setStat(slot: number, field: 0 | 1, bytes: number): void {
  if (slot >= 0) Atomics.store(stats, 2 * slot + field, bytes > 2147483647 ? 2147483647 : bytes);
}

function post(msg: WorkerMessage): void {
  port?.postMessage(msg);
}

function log(level: string, text: string): void {
  ops.push(W.LOG, level, text);
  loop.requestBeforeSleep();
}

class WorkerClient {
  readonly jobs: ClientJobs;
  readonly parser: RequestParser;
  private batch: string[][] = [];
  private end = END_NONE;
  private endText = '';
  private closing = false;
  private authPending = true;
  private softLimitSince = 0;
  private readonly slot = takeSlot();

  constructor(
    readonly lid: number,
    readonly conn: Connection,
  ) {
    this.jobs = new ClientJobs((flags) => this.applyUpdates(flags));
    this.parser = new RequestParser({
      argType: 'latin1',
      onCommand: (args) => this.onCommand(args as string[]),
      onError: (err) => this.onProtocolError(err),
      maxBulkLength: config.protoMaxBulkLen,
      maxMultibulkLength: INT_MAX,
      authenticated: !config.authRequired,
    });
    setStat(this.slot, 0, 0);
    setStat(this.slot, 1, 0);
    ops.push(W.OPEN, lid, conn.remoteAddress, conn.localAddress, conn.fd, conn.type, this.slot);
    conn.setReadHandler((chunk) => this.onRead(chunk));
    conn.setWriteHandler(() => setStat(this.slot, 1, conn.pendingWriteBytes));
    conn.setCloseHandler(() => this.onClosed());
    conn.setNoDelay(true);
    if (config.tcpKeepalive > 0 && conn.type === 'tcp') conn.setKeepAlive(true, config.tcpKeepalive);
  }

  private onRead(chunk: Buffer): void {
    if (this.closing) return;
    inBytes += chunk.length;
    reads++;
    const parser = this.parser;
    parser.maxBulkLength = config.protoMaxBulkLen;
    parser.feed(chunk);
    if (this.jobs.busy) this.jobs.request(U_INPUT);
    if (this.checkQueryLimits()) return;
    this.maybeStartJob();
    setStat(this.slot, 0, parser.bufferedBytes);
  }

  /** The query-buffer limits, exactly as a main-thread client has them. True when the client was closed. */
  private checkQueryLimits(): boolean {
    if (this.closing) return false;
    const buffered = this.parser.bufferedBytes;
    if (buffered > config.queryBufferLimit) {
      ops.push(W.LIMIT, this.lid, 'qbuf', '');
      this.closeNow();
      return true;
    }
    if (!this.parser.authenticated && buffered > UNAUTH_QUERY_LIMIT) {
      ops.push(W.LIMIT, this.lid, 'unauth', '');
      this.closeNow();
      return true;
    }
    return false;
  }

  private onCommand(argv: string[]): void {
    if (this.closing) return;
    const first = argv[0] ?? '';
    if (first.length <= 5) {
      const lower = first.toLowerCase();
      if (lower === 'post' || lower === 'host:') {
        this.end = END_ATTACK;
        this.closing = true;
        this.parser.pause();
        return;
      }
    }
    this.batch.push(argv);
    // Before authentication every command is a job of its own (its outcome changes the parser's limits), and
    // AUTH / HELLO / RESET always end a batch for the same reason.
    if (!this.parser.authenticated || isAuthCommand(first)) this.parser.pause();
  }

  private onProtocolError(err: ProtocolError): void {
    this.end = END_PROTOCOL;
    this.endText = err.message;
    this.closing = true;
  }

  /** Send the parsed batch to the main thread as this client's job (none is pending). */
  private maybeStartJob(): void {
    if (this.jobs.busy || (this.batch.length === 0 && this.end === END_NONE)) return;
    this.jobs.start();
    this.parser.pause();
    ops.push(W.JOB, this.lid, this.batch, this.end, this.endText);
    this.batch = [];
    this.end = END_NONE;
    loop.requestBeforeSleep();
  }

  private applyUpdates(flags: number): void {
    if (flags & U_AUTH) this.parser.authenticated = this.authPending;
    if (this.closing) return;
    if (flags & (U_RESUME | U_INPUT)) {
      this.parser.maxBulkLength = config.protoMaxBulkLen;
      this.parser.resume();
      if (this.checkQueryLimits()) return;
      this.maybeStartJob();
      setStat(this.slot, 0, this.parser.bufferedBytes);
    }
  }

  // ---- From the main thread ----

  /** The job is complete: record what it changed, then let the machine apply everything once. */
  done(authenticated: boolean): void {
    this.authPending = authenticated;
    this.jobs.request(U_AUTH | U_RESUME);
    this.jobs.complete();
  }

  write(bytes: Buffer, pubsub: boolean): void {
    if (this.conn.closed) return;
    this.conn.write(bytes);
    setStat(this.slot, 1, this.conn.pendingWriteBytes);
    this.checkOutputLimits(pubsub);
  }

  close(afterReply: boolean): void {
    this.closing = true;
    this.parser.pause();
    if (afterReply) this.conn.closeAfterFlush();
    else this.conn.close();
  }

  private checkOutputLimits(pubsub: boolean): void {
    const [hard, soft, softSec] = pubsub ? config.oblPubsub : config.oblNormal;
    if (hard === 0 && soft === 0) return;
    const used = this.conn.pendingWriteBytes;
    let over = hard > 0 && used >= hard;
    if (!over && soft > 0 && used >= soft) {
      const now = Date.now();
      if (this.softLimitSince === 0) this.softLimitSince = now;
      else if (now - this.softLimitSince >= softSec * 1000) over = true;
    } else if (soft > 0 && used < soft) this.softLimitSince = 0;
    if (over) {
      ops.push(W.LIMIT, this.lid, 'obl', '');
      this.closeNow();
    }
  }

  closeNow(): void {
    this.closing = true;
    this.parser.pause();
    this.conn.close();
  }

  private onClosed(): void {
    this.closing = true;
    clients.delete(this.lid);
    if (this.slot >= 0) freeSlots.push(this.slot);
    ops.push(W.GONE, this.lid);
    loop.requestBeforeSleep();
  }
}

function isAuthCommand(name: string): boolean {
  const n = name.length;
  if (n !== 4 && n !== 5) return false;
  const l = name.toLowerCase();
  return l === 'auth' || l === 'hello' || l === 'reset';
}

function accept(conn: Connection): void {
  if (stopping) {
    conn.close();
    return;
  }
  const lid = nextLid++;
  clients.set(lid, new WorkerClient(lid, conn));
}

function onOps(msg: MainOpsMessage): void {
  const o = msg.ops;
  const buf = msg.buf === null ? null : Buffer.from(msg.buf);
  for (let i = 0; i < o.length; ) {
    const op = o[i] as number;
    const lid = o[i + 1] as number;
    const c = clients.get(lid);
    switch (op) {
      case M.DATA:
        if (c && buf) c.write(buf.subarray(o[i + 2], (o[i + 2] as number) + (o[i + 3] as number)), o[i + 4] === 1);
        i += 5;
        break;
      case M.DATA_BIG: {
        const ab = msg.bigs[o[i + 2] as number];
        if (c && ab) c.write(Buffer.from(ab, 0, o[i + 3] as number), o[i + 4] === 1);
        i += 5;
        break;
      }
      case M.DONE:
        c?.done(o[i + 2] === 1);
        i += 3;
        break;
      case M.CLOSE:
        c?.close(o[i + 2] === 1);
        i += 3;
        break;
      default:
        throw new Error(`io-threads: unknown operation ${op} from the main thread`);
    }
  }
}

async function stop(): Promise<void> {
  stopping = true;
  for (const c of clients.values()) c.close(true);
  await Promise.all(listeners.map((l) => l.close()));
  await loop.stop();
  postOpsNow();
  post({ t: 'stopped' });
  port?.close();
}

function postOpsNow(): void {
  if (ops.length === 0 && inBytes === 0) return;
  const msg = { t: 'ops' as const, ops, inBytes, reads };
  ops = [];
  inBytes = 0;
  reads = 0;
  post(msg);
}

port.on('message', (msg: MainMessage) => {
  loop.requestBeforeSleep();
  try {
    if (msg.t === 'ops') onOps(msg);
    else if (msg.t === 'config') config = msg.config;
    else if (msg.t === 'tls') reloadTls(msg.settings);
    else void stop();
  } catch (err) {
    // A guard violation (or any bug) in one message must not take the thread down: report it and go on.
    const what = err instanceof OwnershipError ? 'ownership violation' : 'error';
    log('warning', `io-thread ${data.index}: ${what} handling a message: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
});

loop.onBeforeSleep(postOpsNow);

function reloadTls(settings: TlsSettings): void {
  const r = loadTlsContext(settings);
  if (!r.ok) {
    log('warning', `io-thread ${data.index}: Failed to configure TLS: ${r.error}`);
    return;
  }
  for (const l of tlsListeners) l.setContext(r.context);
}

async function start(): Promise<void> {
  const tlsContext = data.tls === null ? null : loadTlsContext(data.tls);
  if (tlsContext !== null && !tlsContext.ok) throw new Error(`Failed to configure TLS: ${tlsContext.error}`);
  for (const spec of data.listeners) {
    const server = await shareListener(spec.fd);
    if (spec.type === 'tls') {
      if (tlsContext === null) throw new Error('a TLS listener without TLS settings');
      const l = acceptTlsOn(loop, server, tlsContext.context, accept, {
        onHandshakeError: (err, addr) => log('verbose', `Error accepting a client connection: ${err.message} (addr=${addr})`),
        keepAliveSec: () => config.tcpKeepalive,
      });
      tlsListeners.push(l);
      listeners.push(l);
    } else {
      listeners.push(acceptOn(loop, server, { type: spec.type, ...(spec.path !== undefined ? { unixPath: spec.path } : {}) }, accept));
    }
  }
  post({ t: 'ready', stats: statsBuffer });
}

start().catch((err: unknown) => {
  post({ t: 'fatal', text: err instanceof Error ? err.message : String(err) });
});
