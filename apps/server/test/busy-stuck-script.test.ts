// An EVAL that wrote and then loops forever (cannot be re-run in slices) in a real spawned server process: other
// clients still get BUSY, SCRIPT KILL gets UNKILLABLE, SHUTDOWN NOSAVE stops the process (busy-poll.ts). A script
// that has not written is still sliced and killable. The stuck script blocks its process, hence the spawn.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, RawClient } from './helpers.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/main.js');
const built = existsSync(MAIN);
if (!built) console.warn(`busy-stuck-script.test.ts: ${MAIN} missing (build @redwing/server first): skipped`);

const BUSY = '-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n';
const UNKILLABLE =
  '-UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.\r\n';

let proc: ChildProcess | null = null;
afterEach(() => {
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
  proc = null;
});

async function spawnServer(): Promise<{ port: number; exited: Promise<number | null> }> {
  const port = await freePort();
  const p = spawn(process.execPath, [MAIN, '--port', String(port), '--busy-reply-threshold', '100', '--loglevel', 'warning'], { stdio: 'ignore' });
  proc = p;
  const exited = new Promise<number | null>((r) => p.once('exit', (code) => r(code)));
  for (let i = 0; i < 100; i++) {
    try {
      const c = await RawClient.connect(port);
      c.close();
      return { port, exited };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('server did not start');
}

describe.skipIf(!built)('a stuck script that wrote (spawned server)', () => {
  it('answers BUSY, refuses SCRIPT KILL with UNKILLABLE, and exits on SHUTDOWN NOSAVE', async () => {
    const { port, exited } = await spawnServer();
    const other = await RawClient.connect(port);
    const runner = await RawClient.connect(port);
    runner.command('EVAL', "redis.call('set','x',1) while true do end", '0');
    await new Promise((r) => setTimeout(r, 300));
    other.command('PING');
    expect(await other.read()).toBe(BUSY);
    other.command('GET', 'x');
    expect(await other.read()).toBe(BUSY);
    other.command('SCRIPT', 'KILL');
    expect(await other.read()).toBe(UNKILLABLE);
    other.command('SHUTDOWN');
    expect(await other.read()).toBe(BUSY);
    other.command('SHUTDOWN', 'NOSAVE');
    expect(await exited).toBe(0);
    expect(await other.waitClosed()).toBe(true);
    runner.close();
  }, 15000);

  it('still slices and kills a script that has not written', async () => {
    const { port } = await spawnServer();
    const other = await RawClient.connect(port);
    const runner = await RawClient.connect(port);
    runner.command('EVAL', 'while true do end', '0');
    await new Promise((r) => setTimeout(r, 300));
    other.command('PING');
    expect(await other.read()).toBe(BUSY);
    other.command('SCRIPT', 'KILL');
    expect(await other.read()).toBe('+OK\r\n');
    expect(await runner.read()).toMatch(/^-ERR Script killed by user with SCRIPT KILL/);
    other.command('PING');
    expect(await other.read()).toBe('+PONG\r\n');
    other.close();
    runner.close();
  }, 15000);
});
