// Wiring `io-threads N` into the server: the TCP and TLS listening sockets go to the workers (each duplicates their
// fds); once every worker accepts, the main thread closes its own copies, so network clients are served by IO threads
// only and the main thread runs commands (a race for accepts between a busy main thread and the workers would leave
// the split to chance). Unix sockets stay with the main thread (its listener owns the socket file). Admission rules
// (maxclients over all threads, protected mode) are the same wherever a connection is accepted.
import type { Listener } from '@redwing/event-loop';
import type { TlsSettings } from '@redwing/tls';
import { IoThreads, type IoServer } from './io-threads.js';
import type { ListenerSpec } from './protocol.js';

export interface IoThreadsHost extends IoServer {
  /** The refusal text for a connection from `remoteAddress` (protected mode), or null to accept. */
  admission(type: 'tcp' | 'unix' | 'tls', remoteAddress: string): string | null;
  /** TLS listeners (tls-port) and the settings to rebuild their context in each worker. */
  readonly tls?: {
    readonly activeListeners: readonly { readonly listenFd: number; close(): Promise<void> }[];
    settings(): TlsSettings;
    readonly reloadListeners: ((settings: TlsSettings) => void)[];
  };
}

export function startIoThreads(server: IoThreadsHost, threads: number, listeners: readonly Listener[]): Promise<IoThreads> {
  const specs: ListenerSpec[] = [];
  const handedOver: Listener[] = [];
  for (const l of listeners) {
    if (l.fd === undefined || l.fd < 0 || l.path !== undefined) continue;
    specs.push({ fd: l.fd, type: 'tcp' });
    handedOver.push(l);
  }
  const tls = server.tls;
  const tlsListeners = tls?.activeListeners.filter((l) => l.listenFd >= 0) ?? [];
  for (const l of tlsListeners) specs.push({ fd: l.listenFd, type: 'tls' });
  const settings = tls && tlsListeners.length > 0 ? tls.settings() : null;
  return IoThreads.start(server, threads, specs, (type, addr) => server.admission(type, addr), settings).then(async (pool) => {
    // certificates reloaded on the main thread: every worker rebuilds its context for new TLS connections
    if (tls && settings) tls.reloadListeners.push((s) => pool.reloadTls(s));
    // the workers' duplicates keep the sockets listening: the main thread stops accepting on its own copies
    await Promise.all([...handedOver, ...tlsListeners].map((l) => l.close()));
    return pool;
  });
}
