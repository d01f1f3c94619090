// LATENCY HISTORY event: [time, latency] samples, oldest first (empty for an unknown event).
import type { CommandHandler } from '../types.js';
import { latencyMonitor } from './latency-monitor.js';

export const latencyHistoryCommand: CommandHandler = (c, e) => {
  const ts = latencyMonitor(e).events.get(c.argv[2]!);
  const r = c.reply;
  if (!ts) {
    r.arrayHeader(0);
    return;
  }
  r.arrayHeader(ts.samples.length);
  for (const s of ts.samples) {
    r.arrayHeader(2);
    r.integer(s.time);
    r.integer(s.latency);
  }
};
