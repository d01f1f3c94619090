// Time events: ae's aeCreateTimeEvent over Node timers. A handler returns the delay in ms until it runs again,
// or NOMORE to be deleted. One timer object per event, reused (refresh) when the delay does not change.
// Deleting an event from inside its own handler is safe: the returned delay is then ignored.

/** Returned by a time-event handler to stop being called. */
export const NOMORE = -1;

export interface TimeEventHooks {
  /** Called before a handler runs (the loop starts its turn: afterSleep). */
  beforeFire(): void;
  /** Called after a handler ran (the loop makes sure beforeSleep runs). */
  afterFire(): void;
}

interface TimeEvent {
  readonly id: number;
  readonly handler: () => number;
  delay: number;
  timer: NodeJS.Timeout | null;
  readonly fire: () => void;
}

function clampDelay(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) return 0;
  return Math.min(ms, 2_147_483_647);
}

export class TimeEvents {
  private readonly events = new Map<number, TimeEvent>();
  private nextId = 1;
  private readonly hooks: TimeEventHooks;

  constructor(hooks: TimeEventHooks) {
    this.hooks = hooks;
  }

  get size(): number {
    return this.events.size;
  }

  create(delayMs: number, handler: () => number, unref: boolean): number {
    const id = this.nextId++;
    const ev: TimeEvent = {
      id,
      handler,
      delay: clampDelay(delayMs),
      timer: null,
      fire: () => this.fire(ev),
    };
    ev.timer = setTimeout(ev.fire, ev.delay);
    if (unref) ev.timer.unref();
    this.events.set(id, ev);
    return id;
  }

  delete(id: number): boolean {
    const ev = this.events.get(id);
    if (ev === undefined) return false;
    this.events.delete(id);
    if (ev.timer !== null) clearTimeout(ev.timer);
    ev.timer = null;
    return true;
  }

  clear(): void {
    for (const id of [...this.events.keys()]) this.delete(id);
  }

  private fire(ev: TimeEvent): void {
    if (this.events.get(ev.id) !== ev) return;
    this.hooks.beforeFire();
    let next: number = NOMORE;
    let ok = false;
    try {
      next = ev.handler();
      ok = true;
    } finally {
      if (!ok) this.delete(ev.id);
      this.hooks.afterFire();
    }
    if (this.events.get(ev.id) !== ev || ev.timer === null) return;
    if (next === NOMORE || typeof next !== 'number' || Number.isNaN(next)) {
      this.delete(ev.id);
      return;
    }
    const delay = clampDelay(next);
    if (delay === ev.delay) {
      ev.timer.refresh();
    } else {
      const unref = !ev.timer.hasRef();
      ev.delay = delay;
      ev.timer = setTimeout(ev.fire, delay);
      if (unref) ev.timer.unref();
    }
  }
}
