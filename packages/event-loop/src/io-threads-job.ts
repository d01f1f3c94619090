// ClientJobs: the per-client job state machine of IO threads (idle -> pending -> completed -> idle). It lives on the
// thread that owns the client's connection, and only that thread may move it (OwnershipError otherwise, nothing
// changed). At most one job per client is unfinished at a time: starting a second one is a bug (JobOverlapError).
// State changes asked for while a job is pending are recorded as bit flags and applied once, by the owner, when the
// job completes (the postponed-update rule); outside a job they are applied at once.
import { checkOwner, currentThread } from './ownership.js';

export type JobState = 'idle' | 'pending' | 'completed';

/** A job was started for a client while another of its jobs was unfinished. Nothing was changed. */
export class JobOverlapError extends Error {
  readonly code = 'EJOBOVERLAP' as const;
  constructor(readonly state: JobState) {
    super(`cannot start a job: the client's previous job is ${state}`);
    this.name = 'JobOverlapError';
  }
}

export class ClientJobs {
  readonly ownerThread: number;
  private stateValue: JobState = 'idle';
  /** Updates requested while a job was pending, applied when it completes. */
  private postponed = 0;
  /** Jobs started / completed, and update passes applied (each `apply` call counts once). */
  started = 0;
  completed = 0;
  applied = 0;

  /**
   * @param apply runs the updates (a bit set) on the owner thread: at once outside a job, at completion inside one.
   * @param owner the owning thread (default: the calling thread).
   */
  constructor(
    private readonly apply: (flags: number) => void,
    owner: number = currentThread(),
  ) {
    this.ownerThread = owner;
  }

  get state(): JobState {
    return this.stateValue;
  }

  /** True while a job is unfinished. */
  get busy(): boolean {
    return this.stateValue !== 'idle';
  }

  /** Updates recorded and not yet applied. */
  get postponedFlags(): number {
    return this.postponed;
  }

  /** idle -> pending. Throws JobOverlapError (and changes nothing) when a job is unfinished. */
  start(): void {
    checkOwner(this.ownerThread, 'ClientJobs.start');
    if (this.stateValue !== 'idle') throw new JobOverlapError(this.stateValue);
    this.stateValue = 'pending';
    this.started++;
  }

  /** Ask for a state change: applied now when idle, recorded until completion while a job is unfinished. */
  request(flags: number): void {
    checkOwner(this.ownerThread, 'ClientJobs.request');
    if (flags === 0) return;
    if (this.stateValue !== 'idle') {
      this.postponed |= flags;
      return;
    }
    this.applied++;
    this.apply(flags);
  }

  /**
   * pending -> completed -> idle: the job's result has been taken in; recorded updates are applied once, in one
   * call, and the machine is idle again before `apply` runs (so `apply` may start the next job). Returns false and
   * changes nothing when no job is pending (a duplicate completion).
   */
  complete(): boolean {
    checkOwner(this.ownerThread, 'ClientJobs.complete');
    if (this.stateValue !== 'pending') return false;
    this.stateValue = 'completed';
    this.completed++;
    const flags = this.postponed;
    this.postponed = 0;
    this.stateValue = 'idle';
    if (flags !== 0) {
      this.applied++;
      this.apply(flags);
    }
    return true;
  }
}
