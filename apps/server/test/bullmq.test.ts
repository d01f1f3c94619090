// BullMQ end to end against an in-process Redwing: every Lua script the `bullmq` package ships loads with
// SCRIPT LOAD under the same SHA1 ioredis computes, and a Queue + Worker process jobs (plain, delayed,
// retried with backoff, failing for good) while QueueEvents reads `completed` events from the events stream
// (XADD MAXLEN ~ / XREAD BLOCK).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { FlowProducer, Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { start, type Started } from './helpers.js';

interface ShippedScript {
  name: string;
  content: string;
  keys: number;
}

/** The assembled scripts (includes resolved) exactly as bullmq hands them to ioredis's defineCommand. */
function shippedScripts(): ShippedScript[] {
  const require = createRequire(import.meta.url);
  const mod = require('bullmq/dist/cjs/scripts/index.js') as Record<string, ShippedScript>;
  return Object.values(mod).filter((s) => typeof s.content === 'string');
}

let srv: Started;
let io: Redis;
beforeAll(async () => {
  srv = await start();
  io = new Redis({ port: srv.port, host: '127.0.0.1', lazyConnect: false });
});
afterAll(async () => {
  io.disconnect();
  await srv.close();
});

describe('bullmq', () => {
  it('every shipped Lua script loads with SCRIPT LOAD under its SHA1', async () => {
    const scripts = shippedScripts();
    expect(scripts.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const s of scripts) {
      const want = createHash('sha1').update(s.content).digest('hex');
      try {
        const got = await io.script('LOAD', s.content);
        if (got !== want) failures.push(`${s.name}: sha ${String(got)} != ${want}`);
      } catch (e) {
        failures.push(`${s.name}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    const shas = scripts.map((s) => createHash('sha1').update(s.content).digest('hex'));
    expect(await io.script('EXISTS', ...shas)).toEqual(shas.map(() => 1));
  });

  it('a queue and a worker process jobs end to end; QueueEvents sees them complete', async () => {
    const connection = { host: '127.0.0.1', port: srv.port, maxRetriesPerRequest: null };
    const name = 'q-basic';
    const queue = new Queue(name, { connection });
    const events = new QueueEvents(name, { connection, blockingTimeout: 200 });
    await events.waitUntilReady();
    const completedEvents: { jobId: string; returnvalue: unknown }[] = [];
    events.on('completed', (ev) => completedEvents.push(ev));

    const seen: string[] = [];
    const worker = new Worker(
      name,
      async (job: Job<{ n: number }>) => {
        seen.push(job.name);
        await job.updateProgress(50);
        return { doubled: job.data.n * 2 };
      },
      { connection, concurrency: 2 },
    );
    try {
      const jobs = await queue.addBulk([1, 2, 3, 4, 5].map((n) => ({ name: `job${n}`, data: { n } })));
      await waitFor(() => completedEvents.length >= 5);
      for (const [i, j] of jobs.entries()) {
        const job = await queue.getJob(j.id!);
        expect(job?.returnvalue).toEqual({ doubled: (i + 1) * 2 });
        expect(await job?.getState()).toBe('completed');
        expect(job?.finishedOn).toBeGreaterThan(0);
        expect(job?.progress).toBe(50);
      }
      expect(seen.sort()).toEqual(['job1', 'job2', 'job3', 'job4', 'job5']);
      expect(new Set(completedEvents.map((e) => e.jobId))).toEqual(new Set(jobs.map((j) => j.id)));
      expect(completedEvents.find((e) => e.jobId === jobs[0]!.id)?.returnvalue).toEqual({ doubled: 2 });
      const counts = await queue.getJobCounts('completed', 'waiting', 'active', 'failed', 'delayed');
      expect(counts).toEqual({ completed: 5, waiting: 0, active: 0, failed: 0, delayed: 0 });
      // the events stream is capped with an approximate MAXLEN
      expect(await io.xlen(`bull:${name}:events`)).toBeGreaterThan(0);
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
    }
  });

  it('a delayed job runs after its delay; a failing job is retried with backoff, then completes or fails', async () => {
    const connection = { host: '127.0.0.1', port: srv.port, maxRetriesPerRequest: null };
    const name = 'q-retry';
    const queue = new Queue(name, { connection });
    const tries = new Map<string, number>();
    const ranAt = new Map<string, number>();
    const worker = new Worker(
      name,
      async (job: Job) => {
        await job.log(`attempt by ${job.name}`);
        const n = (tries.get(job.name) ?? 0) + 1;
        tries.set(job.name, n);
        ranAt.set(job.name, Date.now());
        if (job.name === 'flaky' && n < 3) throw new Error(`flaky attempt ${n}`);
        if (job.name === 'broken') throw new Error('always broken');
        return `${job.name} ok`;
      },
      { connection },
    );
    try {
      const t0 = Date.now();
      const delayed = await queue.add('later', {}, { delay: 300 });
      expect(await delayed.getState()).toBe('delayed');
      const flaky = await queue.add('flaky', {}, { attempts: 3, backoff: { type: 'fixed', delay: 50 } });
      const broken = await queue.add('broken', {}, { attempts: 2, backoff: { type: 'exponential', delay: 20 } });

      await waitFor(async () => (await queue.getJobCounts('completed')).completed === 2 && (await queue.getJobCounts('failed')).failed === 1);

      expect(ranAt.get('later')! - t0).toBeGreaterThanOrEqual(290);
      const d = await queue.getJob(delayed.id!);
      expect(d?.returnvalue).toBe('later ok');
      expect(await d?.getState()).toBe('completed');

      const f = await queue.getJob(flaky.id!);
      expect(tries.get('flaky')).toBe(3);
      expect(f?.attemptsMade).toBe(3);
      expect(f?.returnvalue).toBe('flaky ok');
      expect(await f?.getState()).toBe('completed');

      const b = await queue.getJob(broken.id!);
      expect(tries.get('broken')).toBe(2);
      expect(b?.attemptsMade).toBe(2);
      expect(b?.failedReason).toBe('always broken');
      expect(b?.stacktrace?.length).toBe(2);
      expect(await b?.getState()).toBe('failed');
      expect((await queue.getJobLogs(b!.id!)).count).toBe(2);
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('priorities and LIFO order the wait list; a paused queue holds jobs; a parent waits for its children', async () => {
    const connection = { host: '127.0.0.1', port: srv.port, maxRetriesPerRequest: null };
    const name = 'q-order';
    const queue = new Queue(name, { connection });
    const flow = new FlowProducer({ connection });
    await queue.pause();
    await queue.add('p5', {}, { priority: 5 });
    await queue.add('p1', {}, { priority: 1 });
    await queue.add('plain', {});
    await queue.add('last-in', {}, { lifo: true });
    expect((await queue.getPrioritized()).map((j) => j.name)).toEqual(['p1', 'p5']);
    const tree = await flow.add({
      name: 'parent',
      queueName: name,
      data: {},
      children: [1, 2].map((x) => ({ name: `child${x}`, queueName: name, data: { x } })),
    });
    expect(await tree.job.getState()).toBe('waiting-children');
    const order: string[] = [];
    let childValues: Record<string, unknown> = {};
    const worker = new Worker(
      name,
      async (job: Job<{ x?: number }>) => {
        order.push(job.name);
        if (job.name === 'parent') childValues = await job.getChildrenValues();
        return (job.data.x ?? 0) * 10;
      },
      { connection, concurrency: 1 },
    );
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect(order).toEqual([]);
      await queue.resume();
      await waitFor(() => order.length === 7);
      // every job without a priority (the parent too, once its children are done) before the prioritized ones
      expect(order.slice(-2)).toEqual(['p1', 'p5']);
      expect(order.slice(0, 5).sort()).toEqual(['child1', 'child2', 'last-in', 'parent', 'plain']);
      expect(order.indexOf('last-in')).toBeLessThan(order.indexOf('plain'));
      expect(order.indexOf('parent')).toBeGreaterThan(Math.max(order.indexOf('child1'), order.indexOf('child2')));
      expect(Object.values(childValues).sort()).toEqual([10, 20]);
      await waitFor(async () => (await tree.job.getState()) === 'completed');
    } finally {
      await worker.close();
      await flow.close();
      await queue.close();
    }
  });
});

async function waitFor(pred: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}
