// Data-type operations on 10^6-element values, through the store's type APIs (no network, no commands):
// list push/pop/range, hash set/get, zset add/range/rank. Run after a build: `node bench/types-1m.mjs`.
import { ListValue, HashValue, ZSet } from '../dist/index.js';

const N = 1_000_000;
function time(label, ops, fn) {
  const t0 = process.hrtime.bigint();
  fn();
  const ns = Number(process.hrtime.bigint() - t0);
  const perOp = ns / ops;
  console.log(`| ${label} | ${(1e9 / perOp / 1000).toFixed(0)} k | ${perOp.toFixed(0)} ns |`);
}
const member = (i) => `member:${i}`;

console.log('| operation (10^6 elements) | ops/s | per op |');
console.log('|---|---:|---:|');
const list = new ListValue();
time('list RPUSH', N, () => { for (let i = 0; i < N; i++) list.pushTail(member(i)); });
time('list LRANGE 0 99 (100 elements) at head', 100_000, () => { for (let i = 0; i < 100_000; i++) list.slice(0, 99); });
time('list LINDEX middle', N, () => { for (let i = 0; i < N; i++) list.index(N >> 1); });
time('list LPOP + RPUSH', N, () => { for (let i = 0; i < N; i++) list.pushTail(list.popHead()); });

const hash = new HashValue();
time('hash HSET new field', N, () => { for (let i = 0; i < N; i++) hash.set(member(i), 'value'); });
time('hash HGET hit', N, () => { let x; for (let i = 0; i < N; i++) x = hash.get(member(i)); return x; });

const z = new ZSet();
const scores = Array.from({ length: N }, () => Math.random() * 1e6);
time('zset ZADD new member (random score)', N, () => { for (let i = 0; i < N; i++) z.insert(member(i), scores[i]); });
time('zset ZRANK', 200_000, () => { for (let i = 0; i < 200_000; i++) z.rank(member(i * 5)); });
time('zset ZRANGE by rank (10 from a random rank)', 200_000, () => {
  for (let i = 0; i < 200_000; i++) { let n = z.byRank((i * 4999) % (N - 10)); for (let k = 0; k < 10 && n; k++) n = n.next ?? null; }
});
time('zset ZSCORE', N, () => { for (let i = 0; i < N; i++) z.score(member(i)); });
