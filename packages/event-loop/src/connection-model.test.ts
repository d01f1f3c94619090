// Property test: random sequences of write / flush / close / closeAfterFlush / read-interest changes, made from
// inside read handlers, from timers and from plain continuations, never throw, run the close handler exactly
// once, and deliver to the peer exactly the accepted writes in order (a prefix of them when close() dropped some).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventLoop, NOMORE } from './index.js';
import { Collector, socketPair, turns, until } from '../test/helpers.js';

type Op =
  | { kind: 'write'; size: number }
  | { kind: 'flush' }
  | { kind: 'close' }
  | { kind: 'closeAfterFlush' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'turn' };

type Where = 'read' | 'timer' | 'plain';

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 70_000 }).map((size) => ({ kind: 'write' as const, size })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'closeAfterFlush' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'resume' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'turn' as const }) },
);

describe('connection model', () => {
  it('delivers accepted writes in order and closes exactly once, whatever the sequence', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(opArb, fc.constantFrom<Where>('read', 'timer', 'plain')), { minLength: 1, maxLength: 25 }),
        async (script) => {
          const loop = new EventLoop();
          const { server, client } = await socketPair();
          const conn = loop.adopt(server, 'tcp');
          const got = new Collector(client);
          let closeCalls = 0;
          conn.setCloseHandler(() => closeCalls++);
          const accepted: Buffer[] = [];
          let seq = 0;
          let hardClosed = false;
          let pendingInRead: Op[] = [];
          let reading = true;

          const apply = (op: Op): void => {
            switch (op.kind) {
              case 'write': {
                const b = Buffer.alloc(op.size, 0x41 + (seq++ % 26));
                if (!conn.closed) accepted.push(b);
                conn.write(b);
                break;
              }
              case 'flush':
                conn.flush();
                break;
              case 'close':
                // close() drops queued output, also output a closeAfterFlush was still waiting to send
                hardClosed = true;
                conn.close();
                break;
              case 'closeAfterFlush':
                conn.closeAfterFlush();
                break;
              case 'pause':
                conn.setReadHandler(null);
                reading = false;
                break;
              case 'resume':
                conn.setReadHandler(onRead);
                reading = true;
                break;
              case 'turn':
                break;
            }
          };
          const onRead = (): void => {
            const ops = pendingInRead;
            pendingInRead = [];
            for (const op of ops) apply(op);
          };
          conn.setReadHandler(onRead);

          for (const [op, where] of script) {
            if (op.kind === 'turn') {
              await turns(2);
              continue;
            }
            if (where === 'read' && reading && !conn.closed && client.writable) {
              pendingInRead.push(op);
              client.write('x');
              await until(() => pendingInRead.length === 0, 2000);
            } else if (where === 'timer') {
              await new Promise<void>((resolve) => {
                loop.createTimeEvent(0, () => {
                  apply(op);
                  resolve();
                  return NOMORE;
                });
              });
            } else {
              apply(op);
            }
          }
          const expected = Buffer.concat(accepted);
          if (!conn.closed) conn.closeAfterFlush();
          await got.waitEnd();
          await until(() => closeCalls > 0);
          await turns(2);
          expect(closeCalls).toBe(1);
          const received = Buffer.concat(got.chunks);
          if (hardClosed) {
            expect(expected.subarray(0, received.length).equals(received)).toBe(true);
          } else {
            expect(received.length).toBe(expected.length);
            expect(received.equals(expected)).toBe(true);
          }
          expect(conn.closed).toBe(true);
          expect(conn.pendingWriteBytes).toBe(0);
          client.destroy();
        },
      ),
      { numRuns: 40 },
    );
  });
});
