// Time events: repeat by returned delay, stop on NOMORE, delete from outside and from inside a handler,
// and the turn hooks around a firing (afterSleep before, beforeSleep after).
import { describe, expect, it, vi } from 'vitest';
import { EventLoop, NOMORE } from './index.js';
import { Collector, socketPair, until } from '../test/helpers.js';

describe('time events', () => {
  it('runs again after the returned delay and stops on NOMORE', async () => {
    const loop = new EventLoop();
    const at: number[] = [];
    const t0 = Date.now();
    const id = loop.createTimeEvent(5, () => {
      at.push(Date.now() - t0);
      return at.length < 3 ? 20 : NOMORE;
    });
    expect(id).toBeGreaterThan(0);
    expect(loop.timeEventCount).toBe(1);
    await until(() => at.length === 3);
    await new Promise((r) => setTimeout(r, 60));
    expect(at.length).toBe(3);
    expect(loop.timeEventCount).toBe(0);
    expect(loop.deleteTimeEvent(id)).toBe(false);
    // The second call comes at least ~20 ms after the first (timers never fire early).
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(18);
  });

  it('keeps the same delay when the handler returns it (timer re-armed)', async () => {
    const loop = new EventLoop();
    let n = 0;
    loop.createTimeEvent(1, () => (++n < 5 ? 1 : NOMORE));
    await until(() => n === 5);
    expect(loop.timeEventCount).toBe(0);
  });

  it('gives distinct ids and deleteTimeEvent cancels a pending event', async () => {
    const loop = new EventLoop();
    let fired = 0;
    const a = loop.createTimeEvent(10, () => {
      fired++;
      return NOMORE;
    });
    const b = loop.createTimeEvent(10, () => {
      fired += 100;
      return NOMORE;
    });
    expect(a).not.toBe(b);
    expect(loop.deleteTimeEvent(a)).toBe(true);
    expect(loop.deleteTimeEvent(a)).toBe(false);
    await until(() => fired !== 0);
    await new Promise((r) => setTimeout(r, 30));
    expect(fired).toBe(100);
  });

  it('a handler that deletes itself is not rescheduled, whatever it returns', async () => {
    const loop = new EventLoop();
    let n = 0;
    const id: number = loop.createTimeEvent(1, () => {
      n++;
      loop.deleteTimeEvent(id);
      return 1;
    });
    await until(() => n === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(n).toBe(1);
    expect(loop.timeEventCount).toBe(0);
  });

  it('a handler may create other time events', async () => {
    const loop = new EventLoop();
    const seen: string[] = [];
    loop.createTimeEvent(1, () => {
      seen.push('outer');
      loop.createTimeEvent(1, () => {
        seen.push('inner');
        return NOMORE;
      });
      return NOMORE;
    });
    await until(() => seen.length === 2);
    expect(seen).toEqual(['outer', 'inner']);
  });

  it('a firing runs afterSleep before and beforeSleep after the handler, once each', async () => {
    const loop = new EventLoop();
    const log: string[] = [];
    loop.onAfterSleep(() => log.push('after'));
    loop.onBeforeSleep(() => log.push('before'));
    loop.createTimeEvent(1, () => {
      log.push('timer');
      return NOMORE;
    });
    await until(() => log.includes('before'));
    expect(log).toEqual(['after', 'timer', 'before']);
  });

  it('output produced by a time event is flushed at the end of that turn, in one write', async () => {
    const loop = new EventLoop();
    const { server, client } = await socketPair();
    const conn = loop.adopt(server, 'tcp');
    const write = vi.spyOn(server, 'write');
    const got = new Collector(client);
    loop.createTimeEvent(1, () => {
      conn.write(Buffer.from('*1\r\n'));
      conn.write(Buffer.from('$7\r\nmessage\r\n'));
      expect(conn.pendingWriteBytes).toBe(17);
      return NOMORE;
    });
    await got.waitFor(17);
    expect(got.text()).toBe('*1\r\n$7\r\nmessage\r\n');
    expect(write).toHaveBeenCalledTimes(1);
    client.destroy();
  });

  it('stop() deletes every time event', async () => {
    const loop = new EventLoop();
    let n = 0;
    loop.createTimeEvent(5, () => ++n);
    loop.createTimeEvent(5, () => ++n);
    await loop.stop();
    expect(loop.timeEventCount).toBe(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(n).toBe(0);
  });

  it('an unref time event does not keep the process alive but still fires', async () => {
    const loop = new EventLoop();
    let n = 0;
    loop.createTimeEvent(1, () => (++n < 3 ? 2 : NOMORE), { unref: true });
    await until(() => n === 3);
    expect(loop.timeEventCount).toBe(0);
  });
});
