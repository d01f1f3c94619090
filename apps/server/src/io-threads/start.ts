// Wiring `io-threads N` into the server: listener specs from the server's own listeners (TCP and Unix; each worker
// duplicates their fds), and the admission rules every new connection meets wherever it is accepted (maxclients is
// checked by IoThreads over all threads; protected mode here, with the same text as for local clients).
import type { Listener } from '@redwing/event-loop';
import type { TlsSettings } from '@redwing/tls';
import { IoThreads, type IoServer } from './io-threads.js';
import type { ListenerSpec } from './protocol.js';

export interface IoThreadsHost extends IoServer {
  /** The refusal text for a connection from `remoteAddress` (protected mode), or null to accept. */
  admission(type: 'tcp' | 'unix' | 'tls', remoteAddress: string): string | null;
  /** TLS listeners (tls-port) and the settings to rebuild their context in each worker. */
  readonly tls?: {
    readonly activeListeners: readonly { readonly listenFd: number }[];
    settings(): TlsSettings;
    readonly reloadListeners: ((settings: TlsSettings) => void)[];
  };
}

export function startIoThreads(server: IoThreadsHost, threads: number, listeners: readonly Listener[]): Promise<IoThreads> {
  const specs: ListenerSpec[] = [];
  for (const l of listeners) {
    if (l.fd === undefined || l.fd < 0) continue;
    specs.push(l.path !== undefined ? { fd: l.fd, type: 'unix', path: l.path } : { fd: l.fd, type: 'tcp' });
  }
  const tls = server.tls;
  const tlsListeners = tls?.activeListeners.filter((l) => l.listenFd >= 0) ?? [];
  for (const l of tlsListeners) specs.push({ fd: l.listenFd, type: 'tls' });
  const settings = tls && tlsListeners.length > 0 ? tls.settings() : null;
  return IoThreads.start(server, threads, specs, (type, addr) => server.admission(type, addr), settings).then((pool) => {
    // certificates reloaded on the main thread: every worker rebuilds its context for new TLS connections
    if (tls && settings) tls.reloadListeners.push((s) => pool.reloadTls(s));
    return pool;
  });
}
