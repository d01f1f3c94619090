// Listener sharing for IO threads: a private duplicate of a listening socket accepts on the same port, and closing
// either copy leaves the other accepting (each thread closes only its own file descriptor).
import { describe, expect, it } from 'vitest';
import { EventLoop, acceptOn, shareListener, type Connection } from './index.js';
import { Collector, dial, until } from '../test/helpers.js';

function echoTag(tag: string, seen: string[]): (conn: Connection) => void {
  return (conn) => {
    seen.push(tag);
    conn.write(Buffer.from(tag));
    conn.closeAfterFlush();
  };
}

async function ask(port: number): Promise<string> {
  const s = await dial(port);
  const got = new Collector(s);
  await got.waitEnd();
  return got.text();
}

describe('shareListener / acceptOn', () => {
  it('a duplicate accepts on the same port through its own fd; closing it leaves the original serving', async () => {
    const main = new EventLoop({ name: 'main' });
    const other = new EventLoop({ name: 'io-1' });
    const seen: string[] = [];
    const original = await main.listenTcp({ host: '127.0.0.1', port: 0 }, echoTag('main', seen));
    expect(original.fd).toBeGreaterThan(2);
    const dupServer = await shareListener(original.fd ?? -1);
    const dup = acceptOn(other, dupServer, { type: 'tcp' }, echoTag('dup', seen));
    expect(dup.port).toBe(original.port);
    expect(dup.fd).toBeGreaterThan(2);
    expect(dup.fd).not.toBe(original.fd);

    const answers = new Set<string>();
    for (let i = 0; i < 40 && answers.size < 2; i++) answers.add(await ask(original.port));
    for (const a of answers) expect(['main', 'dup']).toContain(a);
    expect(seen.length).toBeGreaterThan(0);

    await dup.close();
    for (let i = 0; i < 5; i++) expect(await ask(original.port)).toBe('main');
    await main.stop();
    await until(() => main.connectionCount === 0 && other.connectionCount === 0);
  });

  it('acceptOn is owner-guarded', async () => {
    const { simulateThread, OwnershipError } = await import('./index.js');
    const loop = new EventLoop();
    const l = await loop.listenTcp({ host: '127.0.0.1', port: 0 }, () => undefined);
    const dupServer = await shareListener(l.fd ?? -1);
    expect(() => simulateThread(loop.ownerThread + 77, () => acceptOn(loop, dupServer, { type: 'tcp' }, () => undefined))).toThrow(
      OwnershipError,
    );
    dupServer.close();
    await loop.stop();
  });

  it('a bad fd is a clear error', async () => {
    await expect(shareListener(987654)).rejects.toMatchObject({ code: 'ESHARELISTENER' });
  });
});
