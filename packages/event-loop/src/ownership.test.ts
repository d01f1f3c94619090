// Owner-thread guards: a call from a thread that does not own the loop or the connection throws OwnershipError
// (code, op, owner, caller) and leaves the object exactly as it was.
import { describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { EventLoop, NOMORE, OwnershipError, currentThread, simulateThread, type Connection } from './index.js';
import { Collector, dial, socketPair, turns, until } from '../test/helpers.js';

const OTHER = threadId + 1000;

function expectOwnershipError(fn: () => unknown, op: string, owner: number, caller: number): void {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(OwnershipError);
  const err = caught as OwnershipError;
  expect(err.code).toBe('EOWNERSHIP');
  expect(err.op).toBe(op);
  expect(err.owner).toBe(owner);
  expect(err.caller).toBe(caller);
  expect(err.message).toContain(op);
  expect(err.message).toContain(String(owner));
  expect(err.message).toContain(String(caller));
}

describe('thread identity', () => {
  it('currentThread is worker_threads.threadId, and simulateThread swaps it only for the call', () => {
    expect(currentThread()).toBe(threadId);
    expect(simulateThread(OTHER, () => currentThread())).toBe(OTHER);
    expect(() =>
      simulateThread(OTHER, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(currentThread()).toBe(threadId);
  });

  it('a loop records the thread that built it', () => {
    expect(new EventLoop().ownerThread).toBe(threadId);
    expect(simulateThread(OTHER, () => new EventLoop().ownerThread)).toBe(OTHER);
  });
});

describe('EventLoop guards', () => {
  it('every mutating entry point refuses a foreign thread and changes nothing', async () => {
    const loop = new EventLoop();
    let fired = 0;
    const id = loop.createTimeEvent(5, () => {
      fired++;
      return NOMORE;
    });
    const hooks: string[] = [];
    const foreign = (fn: () => unknown, op: string): void =>
      expectOwnershipError(() => simulateThread(OTHER, fn), op, threadId, OTHER);

    foreign(() => loop.createTimeEvent(1, () => NOMORE), 'EventLoop.createTimeEvent');
    foreign(() => loop.deleteTimeEvent(id), 'EventLoop.deleteTimeEvent');
    foreign(() => loop.onBeforeSleep(() => hooks.push('b')), 'EventLoop.onBeforeSleep');
    foreign(() => loop.onAfterSleep(() => hooks.push('a')), 'EventLoop.onAfterSleep');
    foreign(() => loop.requestBeforeSleep(), 'EventLoop.requestBeforeSleep');
    foreign(() => loop.listenTcp({ host: '127.0.0.1', port: 0 }, () => undefined), 'EventLoop.listenTcp');
    foreign(() => loop.listenUnix({ path: '/tmp/never-created.sock' }, () => undefined), 'EventLoop.listenUnix');
    foreign(() => loop.stop(), 'EventLoop.stop');
    foreign(() => loop.assertOwner('custom op'), 'custom op');

    expect(loop.timeEventCount).toBe(1);
    expect(loop._turnActive).toBe(false);
    await until(() => fired === 1);
    loop.requestBeforeSleep();
    await turns(2);
    expect(hooks).toEqual([]);
  });

  it('a loop owned by another thread refuses calls from this one', () => {
    const loop = simulateThread(OTHER, () => new EventLoop());
    expectOwnershipError(() => loop.createTimeEvent(1, () => NOMORE), 'EventLoop.createTimeEvent', OTHER, threadId);
    expect(loop.timeEventCount).toBe(0);
  });
});

describe('Connection guards', () => {
  it('every mutating member refuses a foreign thread and the connection keeps working', async () => {
    const loop = new EventLoop();
    const { server, client } = await socketPair();
    const conn: Connection = loop.adopt(server, 'tcp');
    expect(conn.ownerThread).toBe(threadId);
    const got = new Collector(client);
    const seen: string[] = [];
    conn.setReadHandler((chunk) => {
      seen.push(chunk.toString());
      conn.write(Buffer.from('echo:' + chunk.toString()));
    });
    conn.write(Buffer.from('queued;'));
    const before = conn.pendingWriteBytes;
    expect(before).toBe(7);

    const foreign = (fn: () => unknown, op: string): void =>
      expectOwnershipError(() => simulateThread(OTHER, fn), op, threadId, OTHER);
    foreign(() => conn.write(Buffer.from('nope')), 'Connection.write');
    foreign(() => conn.flush(), 'Connection.flush');
    foreign(() => conn.close(), 'Connection.close');
    foreign(() => conn.closeAfterFlush(), 'Connection.closeAfterFlush');
    foreign(() => conn.setReadHandler(null), 'Connection.setReadHandler');
    foreign(() => conn.setCloseHandler(() => undefined), 'Connection.setCloseHandler');
    foreign(() => conn.setWriteHandler(() => undefined), 'Connection.setWriteHandler');
    foreign(() => conn.setNoDelay(false), 'Connection.setNoDelay');
    foreign(() => conn.setKeepAlive(true, 10), 'Connection.setKeepAlive');

    expect(conn.pendingWriteBytes).toBe(before);
    expect(conn.closed).toBe(false);
    client.write('ping');
    await got.waitFor('queued;echo:ping'.length);
    expect(got.text()).toBe('queued;echo:ping');
    expect(seen).toEqual(['ping']);
    client.destroy();
    await until(() => conn.closed);
  });
});

describe('connections owned by another thread (the IO-thread shape)', () => {
  it('the owner serves the connection; a call from the main thread is refused and changes nothing', async () => {
    const IO = OTHER + 1;
    const loop = simulateThread(IO, () => new EventLoop({ name: 'io-1' }));
    const accepted: Connection[] = [];
    const listener = await simulateThread(IO, () =>
      loop.listenTcp({ host: '127.0.0.1', port: 0 }, (conn) => {
        // Socket events arrive on the owner; here the owner's code runs under its (simulated) id.
        simulateThread(IO, () => {
          accepted.push(conn);
          conn.setReadHandler((chunk) => simulateThread(IO, () => conn.write(chunk)));
        });
      }),
    );
    const client = await dial(listener.port);
    const got = new Collector(client);
    await until(() => accepted.length === 1);
    const conn = accepted[0]!;
    expect(conn.ownerThread).toBe(IO);

    // The main thread reaching into an IO thread's connection (Valkey's crash class) is caught.
    expectOwnershipError(() => conn.write(Buffer.from('from main')), 'Connection.write', IO, threadId);
    expectOwnershipError(() => conn.setReadHandler(null), 'Connection.setReadHandler', IO, threadId);
    expectOwnershipError(() => conn.close(), 'Connection.close', IO, threadId);
    expectOwnershipError(() => listener.close(), 'Listener.close', IO, threadId);
    expect(conn.pendingWriteBytes).toBe(0);
    expect(conn.closed).toBe(false);

    client.write('still served');
    await got.waitFor(12);
    expect(got.text()).toBe('still served');
    simulateThread(IO, () => conn.close());
    await got.waitEnd();
    await simulateThread(IO, () => loop.stop());
  });

  it('adopt is guarded too', async () => {
    const loop = new EventLoop();
    const { server, client } = await socketPair();
    expectOwnershipError(
      () => simulateThread(OTHER, () => loop.adopt(server, 'tcp')),
      'EventLoop.adopt',
      threadId,
      OTHER,
    );
    expect(loop.connectionCount).toBe(0);
    client.destroy();
    server.destroy();
  });
});

