#!/usr/bin/env node
// Writes spec/<name>.json files (Valkey's command-spec schema) for the named commands by asking a running
// real redis-server for its COMMAND INFO and COMMAND DOCS answers: the facts about a command (arity, flags,
// key specs, arguments, history) come from the reference server's own introspection, not from its sources.
// Usage: node scripts/spec-from-redis.mjs --port 7777 get set "client|list" ...   (or --all)
// Subcommands are written as <container>-<sub>.json with a "container" field.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from "ioredis";

const argv = process.argv.slice(2);
let port = 6379;
const names = [];
let all = false;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--port') port = Number(argv[++i]);
  else if (argv[i] === '--all') all = true;
  else names.push(argv[i].toLowerCase());
}
const specDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'spec');
mkdirSync(specDir, { recursive: true });
const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: false });

const pairs = (arr) => {
  const o = {};
  if (!Array.isArray(arr)) return o;
  for (let i = 0; i + 1 < arr.length; i += 2) o[arr[i]] = arr[i + 1];
  return o;
};
const upper = (xs) => (xs ?? []).map((x) => String(x).toUpperCase());

function keySpec(raw) {
  const o = pairs(raw);
  const ks = {};
  if (o.notes) ks.notes = o.notes;
  ks.flags = upper(o.flags);
  const bs = pairs(o.begin_search);
  const bspec = pairs(bs.spec);
  if (bs.type === 'index') ks.begin_search = { index: { pos: Number(bspec.index) } };
  else if (bs.type === 'keyword')
    ks.begin_search = { keyword: { keyword: bspec.keyword, startfrom: Number(bspec.startfrom) } };
  else ks.begin_search = { unknown: null };
  const fk = pairs(o.find_keys);
  const fspec = pairs(fk.spec);
  if (fk.type === 'range')
    ks.find_keys = { range: { lastkey: Number(fspec.lastkey), step: Number(fspec.keystep), limit: Number(fspec.limit) } };
  else if (fk.type === 'keynum')
    ks.find_keys = {
      keynum: { keynumidx: Number(fspec.keynumidx), firstkey: Number(fspec.firstkey), step: Number(fspec.keystep) },
    };
  else ks.find_keys = { unknown: null };
  return ks;
}

function argument(raw) {
  const o = pairs(raw);
  const a = { name: o.name, type: o.type };
  if (o.display_text !== undefined) a.display_text = o.display_text;
  if (o.key_spec_index !== undefined) a.key_spec_index = Number(o.key_spec_index);
  if (o.token !== undefined) a.token = o.token;
  if (o.summary !== undefined) a.summary = o.summary;
  if (o.since !== undefined) a.since = o.since;
  if (o.deprecated_since !== undefined) a.deprecated_since = o.deprecated_since;
  if (o.flags) for (const f of o.flags) a[f] = true;
  if (o.value !== undefined) a.value = o.value;
  if (o.arguments) a.arguments = o.arguments.map(argument);
  return a;
}

function buildSpec(info, docsRaw, container) {
  const [fullName, arity, flags, , , , acl, tips, keySpecs] = info;
  const docs = pairs(docsRaw);
  const name = container ? fullName.split('|')[1] : fullName;
  const spec = {};
  if (docs.summary !== undefined) spec.summary = docs.summary;
  if (docs.complexity !== undefined) spec.complexity = docs.complexity;
  spec.group = docs.group;
  spec.since = docs.since;
  spec.arity = arity;
  if (container) spec.container = container.toUpperCase();
  const subs = info[9];
  if (!subs || subs.length === 0) {
    spec.function = fullName.replace(/[^a-z0-9]+([a-z0-9])/g, (_, c) => c.toUpperCase()) + 'Command';
  }
  if (docs.history && docs.history.length) spec.history = docs.history.map((h) => [h[0], h[1]]);
  if (docs.deprecated_since !== undefined) spec.deprecated_since = docs.deprecated_since;
  if (docs.replaced_by !== undefined) spec.replaced_by = docs.replaced_by;
  if (docs.doc_flags && docs.doc_flags.length) spec.doc_flags = upper(docs.doc_flags);
  const cflags = upper(flags).filter((f) => f !== 'MOVABLEKEYS');
  if (cflags.length) spec.command_flags = cflags;
  if (acl.length) spec.acl_categories = acl.map((c) => String(c).replace(/^@/, '').toUpperCase());
  if (tips && tips.length) spec.command_tips = upper(tips);
  if (keySpecs && keySpecs.length) spec.key_specs = keySpecs.map(keySpec);
  if (docs.arguments) spec.arguments = docs.arguments.map(argument);
  return { [name.toUpperCase()]: spec };
}

async function write(fullName) {
  const [info] = await redis.call('COMMAND', 'INFO', fullName);
  if (!info) {
    console.error(`unknown to redis: ${fullName}`);
    return;
  }
  const docsArr = await redis.call('COMMAND', 'DOCS', fullName);
  const docs = pairs(docsArr)[fullName];
  const container = fullName.includes('|') ? fullName.split('|')[0] : undefined;
  const file = join(specDir, `${fullName.replace('|', '-')}.json`);
  writeFileSync(file, JSON.stringify(buildSpec(info, docs, container), null, 2) + '\n');
  const subs = info[9];
  if (all && subs) for (const s of subs) await write(s[0]);
}

if (all) {
  const list = await redis.call('COMMAND', 'LIST');
  for (const n of list) await write(n);
} else {
  for (const n of names) await write(n);
}
redis.disconnect();
