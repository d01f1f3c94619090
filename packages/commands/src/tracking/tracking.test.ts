// Engine-level tests of client-side caching: key remembering, invalidation pushes, redirect, BCAST, OPTIN,
// flushes, tracking-table-max-keys, and the explicit after-command hook.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { trackingAfterCommand, trackingState } from './tracking-state.js';

const txt = (b: Buffer): string => b.toString('latin1');

describe('client tracking (engine)', () => {
  it('RESP3 client gets an invalidate push when a key it read changes', () => {
    const e = createEngine();
    const a = e.createClient({ protocol: 3 });
    const b = e.createClient();
    expect(txt(e.run(a, ['CLIENT', 'TRACKING', 'on']))).toBe('+OK\r\n');
    e.run(b, ['SET', 'k', 'v']);
    expect(txt(e.run(a, ['GET', 'k']))).toBe('$1\r\nv\r\n');
    e.run(b, ['SET', 'k', 'w']);
    expect(txt(a.reply.take())).toBe('>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n');
    // only once: the key left the table
    e.run(b, ['SET', 'k', 'x']);
    expect(txt(a.reply.take())).toBe('');
  });

  it('own writes arrive after the reply, and NOLOOP suppresses them', () => {
    const e = createEngine();
    const a = e.createClient({ protocol: 3 });
    e.run(a, ['CLIENT', 'TRACKING', 'on']);
    e.run(a, ['GET', 'k']);
    expect(txt(e.run(a, ['SET', 'k', '1']))).toBe('+OK\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n');
    e.run(a, ['CLIENT', 'TRACKING', 'on', 'NOLOOP']);
    e.run(a, ['GET', 'k']);
    expect(txt(e.run(a, ['SET', 'k', '2']))).toBe('+OK\r\n');
  });

  it('RESP2 redirect to a __redis__:invalidate subscriber; flush sends null', () => {
    const e = createEngine();
    const sub = e.createClient();
    const a = e.createClient();
    e.run(sub, ['SUBSCRIBE', '__redis__:invalidate']);
    expect(txt(e.run(a, ['CLIENT', 'TRACKING', 'on', 'REDIRECT', sub.id]))).toBe('+OK\r\n');
    e.run(e.createClient(), ['MSET', 'x', '1', 'y', '2']);
    e.run(a, ['MGET', 'x', 'y']);
    e.run(a, ['DEL', 'x', 'y']);
    expect(txt(sub.reply.take())).toBe(
      '*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$1\r\nx\r\n' +
        '*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$1\r\ny\r\n',
    );
    e.run(a, ['FLUSHALL']);
    expect(txt(sub.reply.take())).toBe('*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n$-1\r\n');
    expect(txt(e.run(a, ['CLIENT', 'GETREDIR']))).toBe(`:${sub.id}\r\n`);
  });

  it('broken redirect: push to a RESP3 client, broken_redirect flag', () => {
    const e = createEngine();
    const r = e.createClient();
    const a = e.createClient({ protocol: 3 });
    e.run(a, ['CLIENT', 'TRACKING', 'on', 'REDIRECT', r.id]);
    e.run(a, ['GET', 'k']);
    e.freeClient(r);
    e.run(e.createClient(), ['SET', 'k', '1']);
    expect(txt(a.reply.take())).toBe(`>2\r\n$21\r\ntracking-redir-broken\r\n:${r.id}\r\n`);
    expect(txt(e.run(a, ['CLIENT', 'TRACKINGINFO']))).toContain('broken_redirect');
  });

  it('BCAST with prefixes, OPTIN with CLIENT CACHING yes', () => {
    const e = createEngine();
    const a = e.createClient({ protocol: 3 });
    const w = e.createClient();
    e.run(a, ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'a:', 'PREFIX', 'b:']);
    e.run(w, ['MSET', 'a:1', '1', 'c:1', '1']);
    expect(txt(a.reply.take())).toBe('>2\r\n$10\r\ninvalidate\r\n*1\r\n$3\r\na:1\r\n');
    const info = txt(e.run(a, ['CLIENT', 'TRACKINGINFO']));
    expect(info).toBe('%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$5\r\nbcast\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n*2\r\n$2\r\na:\r\n$2\r\nb:\r\n');
    const o = e.createClient({ protocol: 3 });
    e.run(o, ['CLIENT', 'TRACKING', 'on', 'OPTIN']);
    e.run(o, ['GET', 'x']);
    e.run(o, ['CLIENT', 'CACHING', 'yes']);
    e.run(o, ['GET', 'y']);
    e.run(w, ['MSET', 'x', '1', 'y', '1']);
    expect(txt(o.reply.take())).toBe('>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\ny\r\n');
  });

  it('tracking-table-max-keys evicts keys with invalidations', () => {
    const e = createEngine();
    const a = e.createClient({ protocol: 3 });
    e.run(a, ['CONFIG', 'SET', 'tracking-table-max-keys', '2']);
    e.run(a, ['CLIENT', 'TRACKING', 'on']);
    const out = txt(e.run(a, ['MGET', 'k1', 'k2', 'k3', 'k4']));
    expect(out.startsWith('*4\r\n_\r\n_\r\n_\r\n_\r\n>2\r\n')).toBe(true);
    expect(out.match(/invalidate/g)?.length).toBe(2);
    expect(trackingState(e).table.size).toBe(2);
  });

  it('the explicit hook does the work once the engine calls it', () => {
    const e = createEngine();
    const a = e.createClient({ protocol: 3 });
    e.run(a, ['CLIENT', 'TRACKING', 'on']);
    const get = e.table.get('get')!;
    a.argv = ['GET', 'hooked'];
    trackingAfterCommand(e, a, get);
    expect(trackingState(e).table.get('hooked')?.has(a.id)).toBe(true);
    expect(e.trackingActive).toBe(true);
  });

  it('validation errors as Redis', () => {
    const e = createEngine();
    const a = e.createClient();
    const err = (argv: (string | number)[]): string => txt(e.run(a, argv));
    expect(err(['CLIENT', 'TRACKING', 'on', 'PREFIX', 'a'])).toBe('-ERR PREFIX option requires BCAST mode to be enabled\r\n');
    expect(err(['CLIENT', 'TRACKING', 'on', 'BCAST', 'OPTIN'])).toBe('-ERR OPTIN and OPTOUT are not compatible with BCAST\r\n');
    expect(err(['CLIENT', 'TRACKING', 'on', 'OPTIN', 'OPTOUT'])).toBe("-ERR You can't specify both OPTIN mode and OPTOUT mode\r\n");
    expect(err(['CLIENT', 'TRACKING', 'on', 'REDIRECT', 9999])).toBe('-ERR The client ID you want redirect to does not exist\r\n');
    expect(err(['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'ab', 'PREFIX', 'a'])).toBe(
      "-ERR Prefix 'ab' overlaps with another provided prefix 'a'. Prefixes for a single client must not overlap.\r\n",
    );
    expect(err(['CLIENT', 'TRACKING', 'maybe'])).toBe('-ERR syntax error\r\n');
    expect(err(['CLIENT', 'CACHING', 'yes'])).toBe(
      '-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled\r\n',
    );
  });
});
