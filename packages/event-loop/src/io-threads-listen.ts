// Sharing a listening socket with an IO thread. Each thread must accept through its OWN file descriptor: libuv
// closes a handle's fd when the handle closes, so two handles on one fd number would close it twice (the second
// close could hit an unrelated, reused fd). `shareListener` therefore gets a private duplicate of the listening
// socket: a short-lived child process inherits the fd and sends it back over Node's IPC channel (SCM_RIGHTS), which
// hands this thread a new fd and a listening net.Server that is the only owner of it. `acceptOn` turns such a
// server into a Listener of a loop owned by the calling thread.
import { spawn } from 'node:child_process';
import type { Server, Socket } from 'node:net';
import type { Connection, ConnectionType } from './connection.js';
import type { EventLoop, Listener } from './event-loop.js';

/** Thrown when a duplicate of a listening socket could not be obtained. */
export class ShareListenerError extends Error {
  readonly code = 'ESHARELISTENER' as const;
}

const CHILD_SOURCE = `
const net = require('node:net');
const s = net.createServer();
s.on('error', (e) => { process.stderr.write(String(e && e.message) + '\\n'); process.exit(1); });
s.listen({ fd: 4 }, () => process.send('listener', s, () => process.exit(0)));
`;

/**
 * A listening net.Server on a private duplicate of the listening socket `fd` (any thread; the server belongs to
 * the calling thread). The caller must attach its 'connection' handler before yielding to the event loop.
 */
export function shareListener(fd: number, timeoutMs = 30_000): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(process.execPath, ['-e', CHILD_SOURCE], { stdio: ['ignore', 'ignore', 'pipe', 'ipc', fd] });
    } catch (e) {
      reject(new ShareListenerError(`cannot share listening fd ${fd}: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    let err = '';
    let done = false;
    const timer = setTimeout(() => fail(new ShareListenerError(`no listener duplicate for fd ${fd} after ${timeoutMs} ms`)), timeoutMs);
    const fail = (e: Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill();
      reject(e);
    };
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (!done) fail(new ShareListenerError(`listener duplicate for fd ${fd} failed (exit ${code}): ${err.trim()}`));
    });
    child.on('message', (_msg: unknown, handle: unknown) => {
      if (done) return;
      if (handle === undefined || handle === null || typeof (handle as Server).listen !== 'function') {
        fail(new ShareListenerError(`listener duplicate for fd ${fd}: no server handle received`));
        return;
      }
      done = true;
      clearTimeout(timer);
      const server = handle as Server;
      // Node's IPC made a default Server; give it the options the loop's own listeners use.
      const opts = server as unknown as { allowHalfOpen: boolean; pauseOnConnect: boolean };
      opts.allowHalfOpen = true;
      opts.pauseOnConnect = true;
      if (child.connected) child.disconnect();
      resolve(server);
    });
  });
}

class SharedListener implements Listener {
  readonly port: number;
  readonly host: string;
  readonly fd: number;
  lastError: Error | null = null;
  private closed = false;

  constructor(
    private readonly loop: EventLoop,
    private readonly server: Server,
  ) {
    const addr = server.address();
    this.port = addr !== null && typeof addr === 'object' ? addr.port : 0;
    this.host = addr !== null && typeof addr === 'object' ? addr.address : '';
    const handle = (server as unknown as { _handle?: { fd?: unknown } | null })._handle;
    this.fd = handle !== null && handle !== undefined && typeof handle.fd === 'number' ? handle.fd : -1;
    server.on('error', (e: Error) => {
      this.lastError = e;
    });
  }

  close(): Promise<void> {
    this.loop.assertOwner('Listener.close');
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // server.close's callback waits for connections; the listening socket itself is gone after one turn.
      setImmediate(resolve);
    });
  }
}

export interface AcceptOnOptions {
  type: ConnectionType;
  /** The socket path of a Unix listener (for the address strings). */
  unixPath?: string;
  /** Replace each accepted socket before it becomes a Connection (e.g. wrap it in a TLS socket). */
  wrap?: (socket: Socket) => Socket;
}

/**
 * Accept connections of `server` (a listening server owned by the calling thread, e.g. from shareListener) as
 * Connections of `loop`. Guarded like every loop entry point.
 */
export function acceptOn(loop: EventLoop, server: Server, opts: AcceptOnOptions, onAccept: (conn: Connection) => void): Listener {
  loop.assertOwner('EventLoop.acceptOn');
  const listener = new SharedListener(loop, server);
  server.on('connection', (socket: Socket) => {
    const s = opts.wrap ? opts.wrap(socket) : socket;
    onAccept(loop.adopt(s, opts.type, opts.unixPath));
    loop.requestBeforeSleep();
  });
  return listener;
}
