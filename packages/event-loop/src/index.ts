// Public surface of @redwing/event-loop: the loop, the Connection interface, time-event constants and the
// owner-thread guard, and the IO-thread parts (job state machine, listener sharing, worker start). See README.md
// for the turn model (afterSleep -> I/O -> beforeSleep -> flush).
export { EventLoop } from './event-loop.js';
export type { EventLoopOptions, Listener, TcpListenOptions, UnixListenOptions, TimeEventOptions } from './event-loop.js';
export type { Connection, ConnectionType } from './connection.js';
export { SocketConnection, CONCAT_LIMIT } from './socket-connection.js';
export { NOMORE } from './time-events.js';
export { OwnershipError, currentThread, simulateThread } from './ownership.js';
export { formatAddress, formatUnixAddress } from './address.js';
export { ClientJobs, JobOverlapError, type JobState } from './io-threads-job.js';
export { shareListener, acceptOn, ShareListenerError, type AcceptOnOptions } from './io-threads-listen.js';
export { startModuleWorker, type ModuleWorkerOptions } from './io-threads-worker.js';
