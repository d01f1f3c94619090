// @redwing/resp benchmarks: ReplyParser vs redis-parser on the same byte streams (16 KiB chunks), RequestParser on a
// pipeline of SET commands, ReplyWriter on 100-element arrays. Prints a markdown report; with --write it replaces
// the "## @redwing/resp" section of bench/RESULTS.md at the repository root.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { encodeCommand, ReplyParser, ReplyWriter, RequestParser } from '@redwing/resp';
import { chunk, compareRatio, countAllocations, fmt, measure, quantile, RedisParser } from './harness.js';

const CHUNK = 16 * 1024;
const TARGET = 4 * 1024 * 1024;
const TRIALS = 9;
const PROCESSES = 3;

function repeatTo(unit: Buffer, target: number): { buf: Buffer; replies: number } {
  const replies = Math.max(1, Math.floor(target / unit.length));
  return { buf: Buffer.concat(Array.from({ length: replies }, () => unit)), replies };
}

function bulkArray(n: number): Buffer {
  const w = new ReplyWriter();
  w.arrayHeader(n);
  for (let i = 0; i < n; i++) w.bulk(`value:${i}:abcdefgh`);
  return w.take();
}

function streams(): { name: string; unit: Buffer }[] {
  const w = new ReplyWriter();
  for (let i = 0; i < 100; i++) w.integer(i * 7919 - 300000);
  const ints = w.take();
  for (let i = 0; i < 20; i++) {
    w.simple('OK');
    w.error('ERR something went wrong');
    w.null();
    w.nullArray();
    w.integer(i);
    w.bulk(`bulk-${i}`);
  }
  const mix = w.take();
  w.bulk(Buffer.alloc(1024 * 1024, 'x'));
  const big = w.take();
  return [
    { name: 'arrays of 10 short bulks', unit: bulkArray(10) },
    { name: 'arrays of 100 short bulks', unit: bulkArray(100) },
    { name: 'integers', unit: ints },
    { name: 'mix (status, errors, nulls, ints, bulks)', unit: mix },
    { name: 'one 1 MiB bulk', unit: big },
  ];
}

const lines: string[] = [];
const out = (s: string): void => {
  lines.push(s);
  console.log(s);
};

interface ReplyRow {
  name: string;
  mode: 'string' | 'buffer';
  a: number[];
  b: number[];
  ratios: number[];
}

/** One process's trials of every stream and mode (JSON on stdout with --reply-json). */
function replyParserTrials(): ReplyRow[] {
  const rows: ReplyRow[] = [];
  for (const { name, unit } of streams()) {
    const { buf } = repeatTo(unit, unit.length > TARGET / 4 ? unit.length * 4 : TARGET);
    const chunks = chunk(buf, CHUNK);
    for (const mode of ['string', 'buffer'] as const) {
      let a = 0;
      let b = 0;
      const ours = new ReplyParser({ onReply: () => a++, bulkAs: mode, onError: (e) => { throw e; } });
      const theirs = new RedisParser({ returnReply: () => b++, returnError: () => b++, returnFatalError: (e) => { throw e; }, returnBuffers: mode === 'buffer' });
      const runOurs = (): void => {
        for (const c of chunks) ours.feed(c);
      };
      const runTheirs = (): void => {
        for (const c of chunks) theirs.execute(c);
      };
      runOurs();
      runTheirs();
      if (a !== b) throw new Error(`reply count differs on ${name}: ${a} vs ${b}`);
      const c = compareRatio(runOurs, runTheirs, buf.length, TRIALS);
      rows.push({ name, mode, ...c.rates });
    }
  }
  return rows;
}

/**
 * Runs the trials in PROCESSES fresh processes one after the other (a process's JIT state varies from one run to
 * the next, so one process alone can be off) and reports the pooled trials.
 */
function replyParserBench(): void {
  const pooled = new Map<string, ReplyRow>();
  for (let i = 0; i < PROCESSES; i++) {
    const json = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--reply-json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const row of JSON.parse(json) as ReplyRow[]) {
      const key = `${row.name}/${row.mode}`;
      const p = pooled.get(key);
      if (p === undefined) pooled.set(key, row);
      else {
        p.a.push(...row.a);
        p.b.push(...row.b);
        p.ratios.push(...row.ratios);
      }
    }
  }
  out('### ReplyParser vs redis-parser (16 KiB chunks, MB/s of RESP input per CPU second)');
  out('');
  out(`${PROCESSES} processes run one after the other, each running every row in ${TRIALS} trials; a trial runs ` +
    '@redwing/resp then redis-parser for 60 ms of CPU time each, side by side. The rates are medians over all ' +
    'trials; the ratio is the median of the per-trial ratios, with their quartiles.');
  out('');
  out('| stream | values | @redwing/resp | redis-parser | ratio (median) | ratio quartiles |');
  out('|---|---|---:|---:|---:|---:|');
  for (const r of pooled.values()) {
    out(`| ${r.name} | ${r.mode}s | ${(quantile(r.a, 0.5) / 1e6).toFixed(0)} | ${(quantile(r.b, 0.5) / 1e6).toFixed(0)} | ` +
      `${quantile(r.ratios, 0.5).toFixed(2)}x | ${quantile(r.ratios, 0.25).toFixed(2)}-${quantile(r.ratios, 0.75).toFixed(2)} |`);
  }
  out('');
  out('Target (issue 2): at least 1.5x on every stream but the 1 MiB bulk, and no slower on that one. ' +
    'Both parsers produce the same kind of values per row (strings: UTF-8 decoded; buffers: views of the input).');
  out('');
}

function requestParserBench(): void {
  const cmds: Buffer[] = [];
  let args = 0;
  for (let n = 0; args < 600_000; n++) {
    cmds.push(encodeCommand(['SET', `key:${n}`, `v${String(n).padStart(15, '0')}`]));
    args += 3;
  }
  const buf = Buffer.concat(cmds);
  const chunks = chunk(buf, CHUNK);
  out('### RequestParser: pipeline of `SET key:<n> <16-byte value>` (16 KiB chunks, best of 12 rounds)');
  out('');
  out('| argType | args/s | commands/s | MB/s |');
  out('|---|---:|---:|---:|');
  let sink = 0;
  const base = measure(() => {
    let acc = 0;
    for (const c of chunks) for (let i = 0; i < c.length; i++) acc = (acc + c[i]!) | 0;
    sink = acc;
  }, args);
  out(`| baseline: a JS loop reading every input byte, nothing else | ${fmt(base, 2)} | ${fmt(base / 3, 2)} | ${((base / args) * buf.length / 1e6).toFixed(0)} |`);
  if (sink === -1) console.log(sink);
  for (const argType of ['buffer', 'latin1'] as const) {
    let seen = 0;
    const run = (): void => {
      const p = new RequestParser({ onCommand: (a) => (seen += a.length), onError: (e) => { throw e; }, argType });
      for (const c of chunks) p.feed(c);
    };
    run();
    if (seen !== args) throw new Error(`args ${seen} != ${args}`);
    const rate = measure(run, args);
    out(`| ${argType} | ${fmt(rate, 2)} | ${fmt(rate / 3, 2)} | ${((rate / args) * buf.length / 1e6).toFixed(0)} |`);
  }
  out('');
  out('Target (issue 2): at least 8M arguments per second. The server uses `latin1`; `buffer` copies every argument ' +
    'into its own Buffer.');
  out('');
}

function replyWriterBench(): void {
  const values = Array.from({ length: 100 }, (_, i) => `member:${i}:${'x'.repeat(i % 20)}`);
  const bufs = values.map((v) => Buffer.from(v, 'latin1'));
  out('### ReplyWriter: 100-element arrays of bulk strings (best of 12 rounds)');
  out('');
  out('| case | replies/s | MB/s | Buffer allocations per reply |');
  out('|---|---:|---:|---:|');
  for (const kind of ['latin1 strings', 'Buffers'] as const) {
    for (const perTake of [1, 100]) {
      const w = new ReplyWriter({ protocol: 2 });
      let bytes = 0;
      const run = (): void => {
        for (let r = 0; r < 100; r++) {
          w.arrayHeader(100);
          if (kind === 'Buffers') for (const b of bufs) w.bulk(b);
          else for (const v of values) w.bulk(v);
          if ((r + 1) % perTake === 0) bytes = w.take().length;
        }
      };
      run();
      const replyBytes = perTake === 1 ? bytes : bytes / 100;
      const rate = measure(run, 100);
      const allocs = countAllocations(run) / 100;
      out(`| ${kind}, take() every ${perTake === 1 ? 'reply' : '100 replies'} | ${fmt(rate, 2)} | ${((rate * replyBytes) / 1e6).toFixed(0)} | ${allocs.toFixed(2)} |`);
    }
  }
  out('');
}

if (process.argv.includes('--reply-json')) {
  process.stdout.write(JSON.stringify(replyParserTrials()));
  process.exit(0);
}

const date = new Date().toISOString().slice(0, 10);
out('## @redwing/resp');
out('');
out(`Measured ${date} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ` +
  `load average at start ${loadavg()[0]?.toFixed(1) ?? '?'}. Rates are per CPU second of the benchmark process ` +
  '(medians for ReplyParser, best rounds below), so other load on the machine inflates them less than wall-clock ' +
  'rates, but does not vanish. ' +
  'Run with `npm run bench -w @redwing/resp` (`npm run bench:record -w @redwing/resp` rewrites this section).');
out('');
// --only=reply|request|writer runs one part (the report is then partial: do not record it)
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
if (only === undefined || only === 'reply') replyParserBench();
if (only === undefined || only === 'request') requestParserBench();
if (only === undefined || only === 'writer') replyWriterBench();

if (process.argv.includes('--write') && only === undefined) {
  const path = new URL('../../../bench/RESULTS.md', import.meta.url);
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n\nEach package owns one section below.\n';
  const section = lines.join('\n').trimEnd() + '\n';
  const start = text.indexOf('\n## @redwing/resp');
  if (start < 0) {
    text = text.trimEnd() + '\n\n' + section;
  } else {
    const next = text.indexOf('\n## ', start + 1);
    text = text.slice(0, start + 1) + section + (next < 0 ? '' : '\n' + text.slice(next + 1));
  }
  writeFileSync(path, text);
  console.log(`wrote ${path.pathname}`);
}
