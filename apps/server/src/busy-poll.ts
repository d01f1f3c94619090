// Serving clients while an unsliceable script is stuck past busy-reply-threshold (it wrote, or runs inside EXEC or
// another script), as Redis's processEventsWhileBlocked: called synchronously from the script's budget hook, it
// reads each plain TCP/unix client's fd with readSync (non-blocking: EAGAIN = nothing), feeds the client's own
// parser (the engine answers BUSY to all but allow-busy commands) and writes replies with writeSync. libuv does
// not touch the sockets while JS runs, so nothing is read twice. Not served meanwhile: TLS clients, io-threads
// clients and new connections (they are answered once the script ends).
import { readSync } from 'node:fs';
import type { Client } from '@redwing/commands';
import type { RedwingServer } from './server.js';

const scratch = Buffer.allocUnsafe(64 * 1024);
/** At most this many reads per client per poll, so one flooding client cannot hold the poll. */
const MAX_READS = 16;

export function pollClientsWhileBusy(server: RedwingServer, caller: Client): void {
  for (const nc of [...server.clients]) {
    if (nc.client === caller || !nc.canPollSync()) continue;
    const fd = nc.conn.fd;
    for (let i = 0; i < MAX_READS; i++) {
      let n: number;
      try {
        n = readSync(fd, scratch, 0, scratch.length, null);
      } catch {
        break; // EAGAIN: nothing to read; any other error is seen by the event loop after the script
      }
      if (n <= 0) break; // EOF: the event loop sees it after the script
      nc.feedWhileBusy(Buffer.from(scratch.subarray(0, n)));
      if (n < scratch.length || !nc.canPollSync()) break;
    }
    nc.flushSync();
  }
}
