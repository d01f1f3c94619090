// Pub/sub over the wire: RESP2 subscribed mode, RESP3 pushes (also under CLIENT REPLY OFF), keyspace events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, start, type Started } from './helpers.js';

let srv: Started;
beforeAll(async () => {
  srv = await start();
});
afterAll(async () => {
  await srv.close();
});

describe('pub/sub', () => {
  it('RESP2: subscribe, receive, subscribed-mode rules', async () => {
    const sub = await RawClient.connect(srv.port);
    const pub = await RawClient.connect(srv.port);
    sub.command('SUBSCRIBE', 'ch');
    expect(await sub.read()).toBe('*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n');
    sub.command('GET', 'x');
    expect(await sub.read()).toBe(
      "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
    );
    sub.command('PING');
    expect(await sub.read()).toBe('*2\r\n$4\r\npong\r\n$0\r\n\r\n');
    pub.command('PUBLISH', 'ch', 'hi');
    expect(await pub.read()).toBe(':1\r\n');
    expect(await sub.read()).toBe('*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n');
    sub.close();
    pub.close();
  });

  it('RESP3: confirmations and messages are pushes, delivered even with CLIENT REPLY OFF', async () => {
    const sub = await RawClient.connect(srv.port);
    const pub = await RawClient.connect(srv.port);
    sub.command('HELLO', 3);
    await sub.read((t) => t.includes('modules'));
    sub.command('CLIENT', 'REPLY', 'OFF');
    sub.command('SUBSCRIBE', 'c3');
    expect(await sub.read()).toBe('>3\r\n$9\r\nsubscribe\r\n$2\r\nc3\r\n:1\r\n');
    sub.command('GET', 'nothing');
    pub.command('PUBLISH', 'c3', 'm');
    expect(await pub.read()).toBe(':1\r\n');
    expect(await sub.read()).toBe('>3\r\n$7\r\nmessage\r\n$2\r\nc3\r\n$1\r\nm\r\n');
    sub.close();
    pub.close();
  });

  it('keyspace notifications follow notify-keyspace-events', async () => {
    const sub = await RawClient.connect(srv.port);
    const c = await RawClient.connect(srv.port);
    c.command('CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
    expect(await c.read()).toBe('+OK\r\n');
    sub.command('PSUBSCRIBE', '__key*__:*');
    await sub.read();
    c.command('SET', 'nk', 'v');
    await c.read();
    const out = await sub.read((t) => (t.match(/pmessage/g) ?? []).length >= 2);
    // 'A' is g$lshzxet: the `new` event (class n) is not included
    expect(out).not.toContain('new');
    expect(out).toContain('$17\r\n__keyspace@0__:nk\r\n$3\r\nset\r\n');
    expect(out).toContain('$18\r\n__keyevent@0__:set\r\n$2\r\nnk\r\n');
    c.command('CONFIG', 'SET', 'notify-keyspace-events', '');
    await c.read();
    sub.close();
    c.close();
  });
});

describe('CLIENT REPLY OFF in RESP2', () => {
  it('subscribe confirmations still arrive, other replies do not', async () => {
    const sub = await RawClient.connect(srv.port);
    sub.command('CLIENT', 'REPLY', 'OFF');
    sub.command('PSUBSCRIBE', '*');
    expect(await sub.read()).toBe('*3\r\n$10\r\npsubscribe\r\n$1\r\n*\r\n:1\r\n');
    sub.close();
  });
});
