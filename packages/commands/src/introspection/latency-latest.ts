// LATENCY LATEST: [event, time of the latest sample, its latency, all-time max] per event.
import type { CommandHandler } from '../types.js';
import { latencyMonitor } from './latency-monitor.js';

export const latencyLatestCommand: CommandHandler = (c, e) => {
  const r = c.reply;
  const events = latencyMonitor(e).events;
  r.arrayHeader(events.size);
  for (const [name, ts] of events) {
    const last = ts.samples[ts.samples.length - 1]!;
    r.arrayHeader(4);
    r.bulk(name);
    r.integer(last.time);
    r.integer(last.latency);
    r.integer(ts.max);
  }
};
