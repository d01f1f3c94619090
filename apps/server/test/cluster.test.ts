// Wire test for the cluster commands of a server without cluster support (Redis's `cluster-enabled no`):
// CLUSTER subcommands, READONLY, READWRITE and ASKING, compared with a real redis-server; COMMAND LIST sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differential, haveRedisServer, ReplyClient, start, startRealRedis, type Started } from './helpers.js';

const HAVE = haveRedisServer();
if (!HAVE) console.warn('redis-server not installed: skipping cluster differential test');

let srv: Started;
beforeAll(async () => {
  srv = await start();
});
afterAll(async () => {
  await srv.close();
});

describe('cluster commands without cluster support', () => {
  it('answer that cluster support is disabled; COMMAND LIST lists them', async () => {
    const c = await ReplyClient.connect(srv.port);
    expect(await c.call('CLUSTER', 'KEYSLOT', 'foo')).toEqual({ error: 'ERR This instance has cluster support disabled' });
    expect(await c.call('READONLY')).toEqual({ error: 'ERR This instance has cluster support disabled' });
    const list = (await c.call('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'cl*help')) as string[];
    expect(list).toContain('cluster|help');
    expect(list).toContain('client|help');
    c.close();
  });

  it.skipIf(!HAVE)('replies match redis-server', async () => {
    const real = await startRealRedis();
    try {
      const cmds: (string | number)[][] = [
        ['CLUSTER'],
        ['CLUSTER', 'HELP'],
        ['CLUSTER', 'INFO'],
        ['CLUSTER', 'INFO', 'extra'],
        ['CLUSTER', 'KEYSLOT', 'foo'],
        ['CLUSTER', 'NOSUCH'],
        ['CLUSTER', 'NODES'],
        ['CLUSTER', 'SLOTS'],
        ['CLUSTER', 'SHARDS'],
        ['CLUSTER', 'MYID'],
        ['CLUSTER', 'ADDSLOTS', 1, 2],
        ['CLUSTER', 'SETSLOT', 1, 'NODE', 'x'],
        ['READONLY'],
        ['READWRITE'],
        ['ASKING'],
        ['ASKING', 'extra'],
      ];
      const { ours, theirs } = await differential(srv.port, real.port, cmds);
      expect(cmds.map((c, i) => [c.join(' '), ours[i]])).toEqual(cmds.map((c, i) => [c.join(' '), theirs[i]]));
    } finally {
      await real.close();
    }
  });
});
