// CONFIG SET with commit (apply) functions: run once per call after all values are stored; a failure restores
// every value of the call and re-applies, as Redis's apply functions do (the TLS reload relies on it).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';

describe('CONFIG SET commit functions', () => {
  it('commits once per call and restores every value when the commit fails', () => {
    const e = createEngine();
    const c = e.createClient();
    const seen: string[] = [];
    const commit = (): string | undefined => {
      const pair = `${e.config.getString('x-cert')}+${e.config.getString('x-key')}`;
      seen.push(pair);
      return e.config.getString('x-cert').endsWith('bad') ? 'Unable to update TLS configuration. Check server logs.' : undefined;
    };
    e.config.register({ name: 'x-cert', type: 'string', default: 'a.crt', commit });
    e.config.register({ name: 'x-key', type: 'string', default: 'a.key', commit });
    expect(e.run(c, ['CONFIG', 'SET', 'x-cert', 'b.crt', 'x-key', 'b.key']).toString()).toBe('+OK\r\n');
    expect(seen).toEqual(['b.crt+b.key']);
    seen.length = 0;
    expect(e.run(c, ['CONFIG', 'SET', 'x-key', 'c.key', 'maxmemory-samples', '7', 'x-cert', 'c.bad']).toString()).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'x-key') - Unable to update TLS configuration. Check server logs.\r\n",
    );
    expect(e.config.getString('x-cert')).toBe('b.crt');
    expect(e.config.getString('x-key')).toBe('b.key');
    expect(e.config.getString('maxmemory-samples')).toBe('5');
    expect(seen).toEqual(['c.bad+c.key', 'b.crt+b.key']);
  });
});
