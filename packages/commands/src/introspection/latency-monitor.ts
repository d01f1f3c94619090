// The latency monitor behind LATENCY LATEST/HISTORY/RESET/DOCTOR: per-event time series of (unix seconds,
// latency ms), 160 samples each, one sample per second (the max wins), as Redis's latency.c keeps them.
// Samples are recorded only when latency-monitor-threshold > 0 and the latency reaches it. Who feeds it: the
// engine's call() for "command"/"fast-command" once the lead wires `latencyMonitor(e).addSampleIfNeeded(...)`;
// until then the series stay empty, which is what Redis reports with monitoring disabled (the default).
import type { Engine } from '../engine.js';

export const LATENCY_TS_LEN = 160;

export interface LatencySample {
  time: number; // unix seconds
  latency: number; // ms
}

export interface LatencySeries {
  samples: LatencySample[];
  max: number;
}

export class LatencyMonitor {
  readonly events = new Map<string, LatencySeries>();

  constructor(private readonly engine: Engine) {}

  threshold(): number {
    return this.engine.config.getNumber('latency-monitor-threshold');
  }

  /** Record `ms` for `event` when monitoring is on and the latency reaches the threshold. */
  addSampleIfNeeded(event: string, ms: number): void {
    const t = this.threshold();
    if (t > 0 && ms >= t) this.addSample(event, ms);
  }

  addSample(event: string, ms: number): void {
    const now = Math.floor(Date.now() / 1000);
    let ts = this.events.get(event);
    if (!ts) this.events.set(event, (ts = { samples: [], max: 0 }));
    if (ms > ts.max) ts.max = ms;
    const last = ts.samples[ts.samples.length - 1];
    if (last && last.time === now) {
      if (ms > last.latency) last.latency = ms;
      return;
    }
    ts.samples.push({ time: now, latency: ms });
    if (ts.samples.length > LATENCY_TS_LEN) ts.samples.shift();
  }

  /** Reset one event (returns 1 if it existed) or all (returns how many). */
  reset(event?: string): number {
    if (event === undefined) {
      const n = this.events.size;
      this.events.clear();
      return n;
    }
    return this.events.delete(event) ? 1 : 0;
  }
}

const monitors = new WeakMap<Engine, LatencyMonitor>();

export function latencyMonitor(e: Engine): LatencyMonitor {
  let m = monitors.get(e);
  if (!m) monitors.set(e, (m = new LatencyMonitor(e)));
  return m;
}
