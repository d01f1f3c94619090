// The messages between the main thread and an IO thread. One message per loop turn in each direction carries every
// operation of that turn as a flat array (no per-command message): worker -> main opens, command batches (jobs) and
// closes; main -> worker reply bytes (small ones packed into one transferred ArrayBuffer, big ones transferred as
// their own), job completions and close requests. Order inside a message is the order the operations happened in.
import type { TlsSettings } from '@redwing/tls';

/** Worker -> main operations. Layout after the opcode in brackets. */
export const W = {
  /** [lid, addr, laddr, fd, type, statsSlot] a connection was accepted (statsSlot -1: none) */
  OPEN: 1,
  /** [lid, argvs: string[][], end: 0 | END_PROTOCOL | END_ATTACK, endText] a batch of commands (one job) */
  JOB: 2,
  /** [lid] the connection is gone (peer closed, error, or closed by either side) */
  GONE: 3,
  /** [lid, kind: 'qbuf' | 'unauth' | 'obl', text] the worker closed a client for a limit (main logs and counts) */
  LIMIT: 4,
  /** [level, text] a log line */
  LOG: 5,
} as const;

/** How a job ends after its commands. */
export const END_NONE = 0;
/** A protocol error: reply `-ERR Protocol error: <endText>` and close after the reply. */
export const END_PROTOCOL = 1;
/** A cross-protocol (POST / Host:) request: log and close without a reply. */
export const END_ATTACK = 2;

/** Main -> worker operations. */
export const M = {
  /** [lid, offset, length, pubsub 0|1] reply bytes inside the message's packed buffer */
  DATA: 1,
  /** [lid, index, length, pubsub 0|1] reply bytes: the whole of message.bigs[index] */
  DATA_BIG: 2,
  /** [lid, authenticated 0|1] the client's job is complete */
  DONE: 3,
  /** [lid, afterReply 0|1] close the connection */
  CLOSE: 4,
} as const;

export interface WorkerOpsMessage {
  t: 'ops';
  ops: unknown[];
  /** Bytes read and socket reads since the last message (INFO total_net_input_bytes, total_reads_processed). */
  inBytes: number;
  reads: number;
}

export interface MainOpsMessage {
  t: 'ops';
  ops: number[];
  buf: ArrayBuffer | null;
  bigs: ArrayBuffer[];
}

/** What the worker needs of the server's configuration (sent at start and on every change). */
export interface IoConfig {
  protoMaxBulkLen: number;
  queryBufferLimit: number;
  /** client-output-buffer-limit [hard, soft, softSeconds] for normal and pubsub clients. */
  oblNormal: [number, number, number];
  oblPubsub: [number, number, number];
  tcpKeepalive: number;
  /** A password is set: new clients start unauthenticated (the parser applies the unauthenticated limits). */
  authRequired: boolean;
}

export interface IoConfigMessage {
  t: 'config';
  config: IoConfig;
}

export interface StopMessage {
  t: 'stop';
}

/** The TLS certificates were reloaded (CONFIG SET tls-*): new TLS connections use these settings. */
export interface TlsReloadMessage {
  t: 'tls';
  settings: TlsSettings;
}

export type MainMessage = MainOpsMessage | IoConfigMessage | StopMessage | TlsReloadMessage;

export interface ListenerSpec {
  fd: number;
  /** 'tls': a TCP listening socket whose connections go through the TLS handshake (IoWorkerData.tls). */
  type: 'tcp' | 'unix' | 'tls';
  /** Socket path of a Unix listener. */
  path?: string;
}

export interface IoWorkerData {
  index: number;
  listeners: ListenerSpec[];
  config: IoConfig;
  /** The tls-* settings when there are TLS listeners (the worker builds its own context from them). */
  tls: TlsSettings | null;
}

/**
 * Per-client figures a worker keeps current in shared memory for CLIENT LIST (no message needed to read them):
 * slot s holds qbuf at [2s] and omem at [2s + 1], in bytes (clamped to INT32_MAX).
 */
export const STATS_SLOTS = 1 << 16;

export type WorkerMessage =
  | WorkerOpsMessage
  | { t: 'ready'; stats: SharedArrayBuffer }
  | { t: 'stopped' }
  | { t: 'fatal'; text: string };
