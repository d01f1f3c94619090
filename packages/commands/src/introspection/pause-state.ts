// CLIENT PAUSE state: the pause type (off, write, all) and its end time, kept per Engine. The dispatch gate asks
// `pauseState(e).mustPostpone(c, cmd)` before executing a command and, when true, holds the client's command and
// re-runs it after a release (listeners in `onRelease` fire when a pause is lifted or becomes less strict).
// Rules as Redis 7.0's processCommand: ALL postpones every command; WRITE postpones commands flagged write or
// may_replicate, and EXEC when a queued command is. Time runs on Date.now(); a timer lifts an expired pause.
// While paused, keys past their TTL are hidden but not deleted (no `expired` count, no DEL propagation).
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { CMD, type Command } from '../types.js';

export type PauseType = 'off' | 'write' | 'all';
const RANK: Record<PauseType, number> = { off: 0, write: 1, all: 2 };
function writesOrReplicates(cmd: Command): boolean {
  return (cmd.flagBits & (CMD.WRITE | CMD.MAY_REPLICATE)) !== 0;
}

export class PauseState {
  type: PauseType = 'off';
  /** Absolute ms when the pause ends (meaningful while type !== 'off'). */
  end = 0;
  /** Called (in order) when a pause is lifted or becomes less strict: resume postponed clients. */
  readonly onRelease = new Set<() => void>();
  private timer: unknown = undefined;
  /** This pause turned the keyspace's replica mode on (and turns it off when lifted). */
  private hidExpiry = false;

  constructor(private readonly engine: Engine) {}

  /** CLIENT PAUSE: the strictest type and the latest end win, as Redis merges repeated pauses. */
  pause(end: number, type: Exclude<PauseType, 'off'>): void {
    if (this.type === 'off') {
      this.type = type;
      this.end = end;
      // while paused, expired keys are hidden but not deleted and the active cycle stops (Redis's expireIfNeeded
      // and activeExpireCycle check the pause): the keyspace's replica mode does exactly that
      const ks = this.engine.keyspace;
      if (!ks.replica) {
        ks.replica = true;
        this.hidExpiry = true;
      }
    } else {
      if (RANK[type] > RANK[this.type]) this.type = type;
      if (end > this.end) this.end = end;
    }
    this.arm();
  }

  /** CLIENT UNPAUSE */
  unpause(): void {
    const was = this.type;
    this.type = 'off';
    this.end = 0;
    if (this.hidExpiry) {
      this.engine.keyspace.replica = false;
      this.hidExpiry = false;
    }
    this.disarm();
    if (was !== 'off') this.release();
  }

  /** Whether a pause is in force now (lifts an expired one first). */
  isPaused(): boolean {
    if (this.type !== 'off' && this.end < Date.now()) this.unpause();
    return this.type !== 'off';
  }

  /** The gate's question: must this command from this client wait for the pause to end? */
  mustPostpone(c: Client, cmd: Command): boolean {
    if (this.type === 'off' || !this.isPaused()) return false;
    if (this.type === 'all') return true;
    if (cmd.name === 'exec') {
      for (const q of c.multiQueue) if (this.writes(q.cmd, q.argv)) return true;
      return false;
    }
    return this.writes(cmd, c.argv);
  }

  /**
   * Whether a command may write or replicate. Scripts declare it: a script or function with the `no-writes`
   * flag is treated as read-only (Redis derives EVAL/FCALL's command flags from the script's flags).
   */
  private writes(cmd: Command, argv: readonly string[]): boolean {
    if (!writesOrReplicates(cmd)) return false;
    const e = this.engine;
    if (cmd.name === 'eval') {
      const body = argv[1] ?? '';
      if (!body.startsWith('#!')) return true;
      const first = body.slice(0, body.indexOf('\n') < 0 ? body.length : body.indexOf('\n'));
      return !/\bflags=(?:[^ ]*,)?no-writes(?:,|\s|$)/.test(first);
    }
    if (cmd.name === 'evalsha') {
      const entry = e.scripting.scripts.get((argv[1] ?? '').toLowerCase());
      return !entry?.flags?.has('no-writes');
    }
    if (cmd.name === 'fcall') return !e.functions.get(argv[1] ?? '')?.flags.has('no-writes');
    return true;
  }

  private release(): void {
    for (const fn of this.onRelease) fn();
  }

  private arm(): void {
    this.disarm();
    const ms = Math.max(0, this.end - Date.now()) + 1;
    const host = this.engine.host;
    const fire = (): void => {
      this.timer = undefined;
      if (this.isPaused()) this.arm(); // fired early or the delay was capped: wait for the rest
    };
    // Capped to setTimeout's range (a longer pause re-arms when it fires). Without a host timer, the fallback is
    // unref'ed: a pause must not keep an embedding process alive.
    const delay = Math.min(ms, 2 ** 31 - 1);
    if (host.setTimer) this.timer = host.setTimer(delay, fire);
    else {
      const t = setTimeout(fire, delay);
      t.unref();
      this.timer = t;
    }
  }

  private disarm(): void {
    if (this.timer === undefined) return;
    const host = this.engine.host;
    if (host.clearTimer) host.clearTimer(this.timer);
    else clearTimeout(this.timer as ReturnType<typeof setTimeout>);
    this.timer = undefined;
  }
}

const states = new WeakMap<Engine, PauseState>();

/** The engine's pause state (created on first use). */
export function pauseState(e: Engine): PauseState {
  let s = states.get(e);
  if (!s) states.set(e, (s = new PauseState(e)));
  return s;
}
