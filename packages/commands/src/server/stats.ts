// Server-wide counters for INFO (stats, errorstats) and the SLOWLOG ring.
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';

export interface SlowlogEntry {
  id: number;
  time: number; // unix seconds
  usec: number;
  argv: string[];
  addr: string;
  name: string;
}

export class ServerStats {
  totalConnections = 0;
  rejectedConnections = 0;
  commandsProcessed = 0;
  totalErrorReplies = 0;
  netInputBytes = 0;
  netOutputBytes = 0;
  readsProcessed = 0;
  writesProcessed = 0;
  /** "ERR" -> count, keyed by the first word of the error text. */
  readonly errors = new Map<string, number>();
  slowlog: SlowlogEntry[] = [];
  private slowlogNextId = 0;

  countError(text: string): void {
    this.totalErrorReplies++;
    const sp = text.indexOf(' ');
    const code = sp < 0 ? text : text.slice(0, sp);
    // Redis stops tracking new error codes after 128 distinct ones
    if (this.errors.has(code) || this.errors.size < 128) this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  slowlogMaybeAdd(engine: Engine, c: Client, usec: number): void {
    const threshold = engine.config.getNumber('slowlog-log-slower-than');
    if (threshold < 0 || usec < threshold) return;
    const max = engine.config.getNumber('slowlog-max-len');
    const argc = Math.min(c.argv.length, 32);
    const argv: string[] = [];
    for (let i = 0; i < argc; i++) {
      if (argc !== c.argv.length && i === argc - 1) {
        argv.push(`... (${c.argv.length - argc + 1} more arguments)`);
        break;
      }
      const a = c.argv[i] ?? '';
      argv.push(a.length > 128 ? `${a.slice(0, 128)}... (${a.length - 128} more bytes)` : a);
    }
    this.slowlog.unshift({
      id: this.slowlogNextId++,
      time: Math.floor(Date.now() / 1000),
      usec,
      argv,
      addr: c.conn.addr,
      name: c.name,
    });
    while (this.slowlog.length > max) this.slowlog.pop();
  }

  resetSlowlog(): void {
    this.slowlog = [];
  }

  /** CONFIG RESETSTAT */
  reset(engine: Engine): void {
    this.totalConnections = 0;
    this.rejectedConnections = 0;
    this.commandsProcessed = 0;
    this.totalErrorReplies = 0;
    this.netInputBytes = 0;
    this.netOutputBytes = 0;
    this.errors.clear();
    for (const cmd of engine.table.all()) {
      cmd.stats.calls = cmd.stats.usec = cmd.stats.rejectedCalls = cmd.stats.failedCalls = 0;
    }
    const s = engine.keyspace.stats;
    s.expiredKeys = s.evictedKeys = s.keyspaceHits = s.keyspaceMisses = 0;
  }
}
