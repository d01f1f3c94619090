// LATENCY RESET [event ...]: number of event series removed.
import type { CommandHandler } from '../types.js';
import { latencyMonitor } from './latency-monitor.js';

export const latencyResetCommand: CommandHandler = (c, e) => {
  const m = latencyMonitor(e);
  if (c.argv.length === 2) {
    c.reply.integer(m.reset());
    return;
  }
  let n = 0;
  for (let i = 2; i < c.argv.length; i++) n += m.reset(c.argv[i]);
  c.reply.integer(n);
};
