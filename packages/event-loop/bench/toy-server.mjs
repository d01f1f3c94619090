#!/usr/bin/env node
// Ceiling benchmark for @redwing/event-loop: a toy RESP server that parses multibulk requests and answers +OK
// to every command (no store, no dispatch). Run it under ../../../../shared/tools/bench-vs-redis.mjs with
// --redwing "node packages/event-loop/bench/toy-server.mjs" to see what the loop alone costs against Redis.
// Needs a build first: npm run build -w @redwing/event-loop. Arguments: --port N (others ignored).
import { EventLoop } from '../dist/index.js';

const args = process.argv.slice(2);
const pi = args.indexOf('--port');
const port = pi >= 0 ? Number(args[pi + 1]) : 6399;
const OK = Buffer.from('+PONG\r\n');

// Count complete multibulk requests in `buf` from `pos`; returns [count, newPos].
function countRequests(buf, pos) {
  let n = 0;
  const len = buf.length;
  outer: while (pos < len) {
    if (buf[pos] !== 0x2a) return [n, pos];
    let p = pos + 1;
    let argc = 0;
    while (p < len && buf[p] !== 0x0d) argc = argc * 10 + (buf[p++] - 48);
    if (p + 1 >= len) break;
    p += 2;
    for (let i = 0; i < argc; i++) {
      if (p >= len) break outer;
      let bl = 0;
      p++;
      while (p < len && buf[p] !== 0x0d) bl = bl * 10 + (buf[p++] - 48);
      p += 2 + bl + 2;
      if (p > len) break outer;
    }
    n++;
    pos = p;
  }
  return [n, pos];
}

const loop = new EventLoop({ name: 'toy' });
await loop.listenTcp({ host: '127.0.0.1', port }, (conn) => {
  let pending = null;
  conn.setReadHandler((chunk) => {
    let buf = chunk;
    if (pending !== null) {
      buf = Buffer.concat([pending, chunk]);
      pending = null;
    }
    const [n, pos] = countRequests(buf, 0);
    for (let i = 0; i < n; i++) conn.write(OK);
    if (pos < buf.length) pending = buf.subarray(pos);
  });
});
console.log(`toy server on ${port}`);
