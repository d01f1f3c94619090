// LATENCY DOCTOR: a short human-readable report. Redis's wording for the two cases without data (monitoring
// disabled, no spikes); with data, one line per event (Redis's full advice engine is not reproduced).
import type { CommandHandler } from '../types.js';
import { latencyMonitor } from './latency-monitor.js';

export const latencyDoctorCommand: CommandHandler = (c, e) => {
  const m = latencyMonitor(e);
  let report: string;
  if (m.events.size === 0 && m.threshold() === 0) {
    report =
      'I\'m sorry, Dave, I can\'t do that. Latency monitoring is disabled in this Redis instance. You may use "CONFIG SET latency-monitor-threshold <milliseconds>." in order to enable it. If we weren\'t in a deep space mission I\'d suggest to take a look at https://redis.io/topics/latency-monitor.\n';
  } else if (m.events.size === 0) {
    report =
      'Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n';
  } else {
    report = "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n";
    let i = 1;
    for (const [name, ts] of m.events) {
      const avg = Math.floor(ts.samples.reduce((a, s) => a + s.latency, 0) / ts.samples.length);
      report += `${i++}. ${name}: ${ts.samples.length} latency spikes (average ${avg}ms, worst all time ${ts.max}ms)\n`;
    }
  }
  c.reply.verbatim(report, 'txt');
};
