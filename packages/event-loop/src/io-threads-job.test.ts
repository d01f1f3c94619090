// The per-client job state machine of IO threads: one unfinished job at a time, owner-only transitions, and the
// postponed-update rule (changes asked for during a job are applied once, by the owner, when it completes).
import { describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { ClientJobs, JobOverlapError, OwnershipError, currentThread, simulateThread } from './index.js';

const IO = threadId + 500;
const MAIN = threadId;

const INPUT = 1;
const RESUME = 2;
const WANT_WRITE = 4;

/** A model client on an IO thread: what `apply` did, and on which thread. */
function model(owner: number): { jobs: ClientJobs; applied: { flags: number; thread: number }[] } {
  const applied: { flags: number; thread: number }[] = [];
  const jobs = simulateThread(owner, () => new ClientJobs((flags) => applied.push({ flags, thread: currentThread() })));
  return { jobs, applied };
}

describe('ClientJobs', () => {
  it('idle -> pending -> idle; outside a job an update applies at once', () => {
    const { jobs, applied } = model(IO);
    expect(jobs.ownerThread).toBe(IO);
    expect(jobs.state).toBe('idle');
    simulateThread(IO, () => jobs.request(INPUT));
    expect(applied).toEqual([{ flags: INPUT, thread: IO }]);
    simulateThread(IO, () => jobs.start());
    expect(jobs.state).toBe('pending');
    expect(jobs.busy).toBe(true);
    expect(simulateThread(IO, () => jobs.complete())).toBe(true);
    expect(jobs.state).toBe('idle');
    expect(jobs.started).toBe(1);
    expect(jobs.completed).toBe(1);
    expect(applied).toHaveLength(1); // nothing was recorded, nothing more applied
  });

  it('no second job while one is unfinished: JobOverlapError, nothing changed', () => {
    const { jobs } = model(IO);
    simulateThread(IO, () => jobs.start());
    let caught: unknown = null;
    try {
      simulateThread(IO, () => jobs.start());
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(JobOverlapError);
    expect((caught as JobOverlapError).code).toBe('EJOBOVERLAP');
    expect((caught as JobOverlapError).state).toBe('pending');
    expect(jobs.started).toBe(1);
    expect(jobs.state).toBe('pending');
  });

  it('a duplicate completion is refused and applies nothing', () => {
    const { jobs, applied } = model(IO);
    simulateThread(IO, () => {
      jobs.start();
      jobs.request(RESUME);
      expect(jobs.complete()).toBe(true);
      expect(jobs.complete()).toBe(false);
    });
    expect(applied).toEqual([{ flags: RESUME, thread: IO }]);
    expect(jobs.completed).toBe(1);
  });

  it('fault injection: a read completion overlapping a running write job updates the state once, by the owner', () => {
    // The Valkey crash shape: while a job for the client runs (here: its reply write is in flight), a read completes
    // for the same client and wants to re-arm the connection; the write job's completion wants the same.
    const { jobs, applied } = model(IO);
    simulateThread(IO, () => jobs.start()); // the write job is running
    // The read completion arrives on the owner while the job is pending: recorded, not applied.
    simulateThread(IO, () => jobs.request(INPUT | WANT_WRITE));
    // The same request again (a second read event in the same window) merges with the first.
    simulateThread(IO, () => jobs.request(INPUT));
    expect(applied).toEqual([]);
    expect(jobs.postponedFlags).toBe(INPUT | WANT_WRITE);
    // Another thread (the main thread finishing its part) tries to apply the change directly: refused.
    for (const op of [() => jobs.request(WANT_WRITE), () => jobs.complete(), () => jobs.start()]) {
      let caught: unknown = null;
      try {
        simulateThread(MAIN, op);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(OwnershipError);
      expect((caught as OwnershipError).owner).toBe(IO);
      expect((caught as OwnershipError).caller).toBe(MAIN);
    }
    expect(jobs.state).toBe('pending');
    expect(jobs.postponedFlags).toBe(INPUT | WANT_WRITE);
    expect(applied).toEqual([]);
    // The job completes on the owner: every recorded change is applied in one pass, once, on the owner.
    simulateThread(IO, () => {
      jobs.request(RESUME);
      jobs.complete();
    });
    expect(applied).toEqual([{ flags: INPUT | WANT_WRITE | RESUME, thread: IO }]);
    expect(jobs.applied).toBe(1);
    expect(jobs.postponedFlags).toBe(0);
    expect(jobs.state).toBe('idle');
  });

  it('apply runs with the machine idle, so it may start the next job', () => {
    const order: string[] = [];
    const jobs: ClientJobs = simulateThread(
      IO,
      () =>
        new ClientJobs((flags) => {
          order.push(`apply ${flags} in ${jobs.state}`);
          if (flags & INPUT) {
            jobs.start();
            order.push('next job started');
          }
        }),
    );
    simulateThread(IO, () => {
      jobs.start();
      jobs.request(INPUT);
      jobs.complete();
    });
    expect(order).toEqual(['apply 1 in idle', 'next job started']);
    expect(jobs.state).toBe('pending');
    expect(jobs.started).toBe(2);
  });
});
