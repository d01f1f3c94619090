// COMMAND's projections of the command table: the 10-element COMMAND INFO entry, the COMMAND DOCS map, and key
// extraction from key specs (COMMAND GETKEYS). Reply shapes and flag orders follow Redis 7.0's server.c: sets
// for flags/tips/key specs (arrays in RESP2), maps for docs (flat arrays in RESP2).
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import type { Command, CommandArgument, KeySpec } from '../types.js';

/** Command flags in the order Redis prints them (hidden ones: may_replicate, sentinel, only_sentinel, protected). */
const FLAG_ORDER = [
  'write', 'readonly', 'denyoom', 'module', 'admin', 'pubsub', 'noscript', 'blocking', 'loading', 'stale',
  'skip_monitor', 'skip_slowlog', 'asking', 'fast', 'no_auth', 'no_mandatory_keys', 'no_async_loading', 'no_multi',
  'movablekeys', 'allow_busy',
] as const;

/** Key-spec flags in Redis's order, with the spelling COMMAND prints. */
const KEY_FLAG_ORDER: readonly [string, string][] = [
  ['RO', 'RO'], ['RW', 'RW'], ['OW', 'OW'], ['RM', 'RM'], ['ACCESS', 'access'], ['UPDATE', 'update'],
  ['INSERT', 'insert'], ['DELETE', 'delete'], ['NOT_KEY', 'not_key'], ['INCOMPLETE', 'incomplete'],
  ['VARIABLE_FLAGS', 'variable_flags'],
];

export function keyFlagNames(flags: readonly string[]): string[] {
  const have = new Set(flags.map((f) => f.toUpperCase()));
  const out: string[] = [];
  for (const [k, name] of KEY_FLAG_ORDER) if (have.has(k)) out.push(name);
  return out;
}

function replyStatusSet(c: Client, items: readonly string[]): void {
  c.reply.setHeader(items.length);
  for (const s of items) c.reply.simple(s);
}

function replyKeySpecs(c: Client, specs: readonly KeySpec[]): void {
  const r = c.reply;
  r.setHeader(specs.length);
  for (const ks of specs) {
    r.mapHeader(ks.notes !== undefined ? 4 : 3);
    if (ks.notes !== undefined) {
      r.bulk('notes');
      r.bulk(ks.notes);
    }
    r.bulk('flags');
    replyStatusSet(c, keyFlagNames(ks.flags));
    r.bulk('begin_search');
    r.mapHeader(2);
    r.bulk('type');
    const bs = ks.begin_search;
    if (bs.index) {
      r.bulk('index');
      r.bulk('spec');
      r.mapHeader(1);
      r.bulk('index');
      r.integer(bs.index.pos);
    } else if (bs.keyword) {
      r.bulk('keyword');
      r.bulk('spec');
      r.mapHeader(2);
      r.bulk('keyword');
      r.bulk(bs.keyword.keyword);
      r.bulk('startfrom');
      r.integer(bs.keyword.startfrom);
    } else {
      r.bulk('unknown');
      r.bulk('spec');
      r.mapHeader(0);
    }
    r.bulk('find_keys');
    r.mapHeader(2);
    r.bulk('type');
    const fk = ks.find_keys;
    if (fk.range) {
      r.bulk('range');
      r.bulk('spec');
      r.mapHeader(3);
      r.bulk('lastkey');
      r.integer(fk.range.lastkey);
      r.bulk('keystep');
      r.integer(fk.range.step);
      r.bulk('limit');
      r.integer(fk.range.limit);
    } else if (fk.keynum) {
      r.bulk('keynum');
      r.bulk('spec');
      r.mapHeader(3);
      r.bulk('keynumidx');
      r.integer(fk.keynum.keynumidx);
      r.bulk('firstkey');
      r.integer(fk.keynum.firstkey);
      r.bulk('keystep');
      r.integer(fk.keynum.step);
    } else {
      r.bulk('unknown');
      r.bulk('spec');
      r.mapHeader(0);
    }
  }
}

/** One COMMAND INFO entry: [name, arity, flags, first, last, step, acl categories, tips, key specs, subcommands]. */
export function replyCommandInfo(c: Client, cmd: Command | undefined): void {
  const r = c.reply;
  if (cmd === undefined) {
    r.nullArray();
    return;
  }
  const spec = cmd.spec;
  r.arrayHeader(10);
  r.bulk(cmd.declaredName);
  r.integer(cmd.arity);
  const flags: string[] = [];
  for (const f of FLAG_ORDER) if (cmd.flags.has(f)) flags.push(f);
  replyStatusSet(c, flags);
  r.integer(cmd.firstKey);
  r.integer(cmd.lastKey);
  r.integer(cmd.keyStep);
  replyStatusSet(c, (spec.acl_categories ?? []).map((a) => `@${a.toLowerCase()}`));
  const tips = spec.command_tips ?? [];
  r.setHeader(tips.length);
  for (const t of tips) r.bulk(t.toLowerCase());
  replyKeySpecs(c, spec.key_specs ?? []);
  const subs = cmd.subcommands;
  if (!subs) {
    r.setHeader(0);
    return;
  }
  r.arrayHeader(subs.size);
  for (const s of subs.values()) replyCommandInfo(c, s);
}

function argFlags(a: CommandArgument): string[] {
  const out: string[] = [];
  if (a.optional) out.push('optional');
  if (a.multiple) out.push('multiple');
  if (a.multiple_token) out.push('multiple_token');
  return out;
}

function replyArgs(c: Client, args: readonly CommandArgument[]): void {
  const r = c.reply;
  r.arrayHeader(args.length);
  for (const a of args) {
    const flags = argFlags(a);
    const nested = a.type === 'oneof' || a.type === 'block';
    let n = 2;
    if (a.key_spec_index !== undefined) n++;
    if (a.token !== undefined) n++;
    if (a.summary !== undefined) n++;
    if (a.since !== undefined) n++;
    if (a.deprecated_since !== undefined) n++;
    if (flags.length) n++;
    if (nested) n++;
    r.mapHeader(n);
    r.bulk('name');
    r.bulk(a.name);
    r.bulk('type');
    r.bulk(a.type);
    if (a.key_spec_index !== undefined) {
      r.bulk('key_spec_index');
      r.integer(a.key_spec_index);
    }
    if (a.token !== undefined) {
      r.bulk('token');
      r.bulk(a.token);
    }
    if (a.summary !== undefined) {
      r.bulk('summary');
      r.bulk(a.summary);
    }
    if (a.since !== undefined) {
      r.bulk('since');
      r.bulk(a.since);
    }
    if (a.deprecated_since !== undefined) {
      r.bulk('deprecated_since');
      r.bulk(a.deprecated_since);
    }
    if (flags.length) {
      r.bulk('flags');
      replyStatusSet(c, flags);
    }
    if (nested) {
      r.bulk('arguments');
      replyArgs(c, a.arguments ?? []);
    }
  }
}

/** One COMMAND DOCS value (the map for one command). */
export function replyCommandDocs(c: Client, cmd: Command): void {
  const r = c.reply;
  const s = cmd.spec;
  const docFlags = (s.doc_flags ?? []).map((f) => f.toLowerCase()).filter((f) => f === 'deprecated' || f === 'syscmd');
  let n = 1;
  if (s.summary !== undefined) n++;
  if (s.since !== undefined) n++;
  if (s.complexity !== undefined) n++;
  if (docFlags.length) n++;
  if (s.deprecated_since !== undefined) n++;
  if (s.replaced_by !== undefined) n++;
  if (s.history?.length) n++;
  if (s.arguments?.length) n++;
  if (cmd.subcommands) n++;
  r.mapHeader(n);
  if (s.summary !== undefined) {
    r.bulk('summary');
    r.bulk(s.summary);
  }
  if (s.since !== undefined) {
    r.bulk('since');
    r.bulk(s.since);
  }
  r.bulk('group');
  r.bulk(s.group);
  if (s.complexity !== undefined) {
    r.bulk('complexity');
    r.bulk(s.complexity);
  }
  if (docFlags.length) {
    r.bulk('doc_flags');
    replyStatusSet(c, docFlags);
  }
  if (s.deprecated_since !== undefined) {
    r.bulk('deprecated_since');
    r.bulk(s.deprecated_since);
  }
  if (s.replaced_by !== undefined) {
    r.bulk('replaced_by');
    r.bulk(s.replaced_by);
  }
  if (s.history?.length) {
    r.bulk('history');
    r.setHeader(s.history.length);
    for (const [since, what] of s.history) {
      r.arrayHeader(2);
      r.bulk(since);
      r.bulk(what);
    }
  }
  if (s.arguments?.length) {
    r.bulk('arguments');
    replyArgs(c, s.arguments);
  }
  if (cmd.subcommands) {
    r.bulk('subcommands');
    r.mapHeader(cmd.subcommands.size);
    for (const sub of cmd.subcommands.values()) {
      r.bulk(sub.declaredName);
      replyCommandDocs(c, sub);
    }
  }
}

export interface KeyRef {
  pos: number;
  flags: readonly string[];
}

/** Whether a command has at least one key spec that is not NOT_KEY (Redis's doesCommandHaveKeys, specs only). */
export function commandHasKeys(cmd: Command): boolean {
  return (cmd.spec.key_specs ?? []).some((k) => !k.flags.some((f) => f.toUpperCase() === 'NOT_KEY'));
}

/** Key positions in argv (argv[0] = command name) from the key specs; null when the arguments do not fit them. */
export function keysFromSpecs(cmd: Command, argv: readonly string[]): KeyRef[] | null {
  const argc = argv.length;
  const out: KeyRef[] = [];
  for (const ks of cmd.spec.key_specs ?? []) {
    const flags = ks.flags.map((f) => f.toUpperCase());
    if (flags.includes('NOT_KEY')) continue;
    let first = 0;
    const bs = ks.begin_search;
    if (bs.index) first = bs.index.pos;
    else if (bs.keyword) {
      const from = bs.keyword.startfrom;
      const start = from > 0 ? from : argc + from;
      const end = from > 0 ? argc - 1 : 1;
      const kw = bs.keyword.keyword.toLowerCase();
      for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if (argv[i]!.toLowerCase() === kw) {
          first = i + 1;
          break;
        }
      }
      if (!first) continue;
    } else return null;
    let last: number;
    let step: number;
    const fk = ks.find_keys;
    if (fk.range) {
      step = fk.range.step;
      if (fk.range.lastkey >= 0) last = first + fk.range.lastkey;
      else if (!fk.range.limit) last = argc + fk.range.lastkey;
      else last = first + (Math.trunc((argc - first) / fk.range.limit) + fk.range.lastkey);
    } else if (fk.keynum) {
      step = fk.keynum.step;
      if (fk.keynum.keynumidx >= argc) return null;
      const s = argv[first + fk.keynum.keynumidx];
      if (s === undefined || !/^(0|-?[1-9]\d*)$/.test(s)) return null;
      const numkeys = Number(s);
      if (numkeys < 0) return null;
      first += fk.keynum.firstkey;
      last = first + numkeys - 1;
    } else return null;
    if (last >= argc || last < first || first >= argc) return null;
    for (let i = first; i <= last; i += step) out.push({ pos: i, flags: keyFlagNames(flags) });
    if (flags.includes('INCOMPLETE')) return null;
  }
  return out;
}

/** COMMAND GETKEYS / GETKEYSANDFLAGS. */
export function getKeysGeneric(c: Client, e: Engine, withFlags: boolean): void {
  const argv = c.argv.slice(2);
  const base = e.table.get(argv[0]!);
  let cmd: Command | undefined = base;
  if (base?.subcommands && argv.length >= 2) cmd = base.subcommands.get(argv[1]!.toLowerCase());
  if (!cmd) {
    e.replyError(c, 'ERR Invalid command specified');
    return;
  }
  if (!commandHasKeys(cmd)) {
    e.replyError(c, 'ERR The command has no key arguments');
    return;
  }
  if ((cmd.arity > 0 && cmd.arity !== argv.length) || argv.length < -cmd.arity) {
    e.replyError(c, 'ERR Invalid number of arguments specified for command');
    return;
  }
  const varFlags = (cmd.spec.key_specs ?? []).some((k) => k.flags.some((f) => f.toUpperCase() === 'VARIABLE_FLAGS'));
  const keys = (varFlags ? null : keysFromSpecs(cmd, argv)) ?? fallbackKeys(cmd, argv);
  if (keys === null) {
    if (cmd.flags.has('no_mandatory_keys')) c.reply.arrayHeader(0);
    else e.replyError(c, 'ERR Invalid arguments specified for command');
    return;
  }
  c.reply.arrayHeader(keys.length);
  for (const k of keys) {
    if (withFlags) {
      c.reply.arrayHeader(2);
      c.reply.bulk(argv[k.pos]!);
      replyStatusSet(c, k.flags);
    } else c.reply.bulk(argv[k.pos]!);
  }
}

/**
 * Redis's getkeys_proc for commands whose key specs are incomplete or have variable flags: SET (flags depend on
 * GET), BITFIELD (read-only unless SET/INCRBY), SORT (STORE destination). Returns null when there is none.
 */
function fallbackKeys(cmd: Command, argv: readonly string[]): KeyRef[] | null {
  if (cmd.name === 'set') {
    const get = argv.slice(3).some((a) => a.toLowerCase() === 'get');
    return [{ pos: 1, flags: get ? ['RW', 'access', 'update'] : ['OW', 'update'] }];
  }
  if (cmd.name === 'bitfield') {
    let readonly = true;
    for (let i = 2; i < argv.length; i++) {
      const rem = argv.length - i - 1;
      const a = argv[i]!.toLowerCase();
      if (a === 'get' && rem >= 2) i += 2;
      else if (a === 'overflow' && rem >= 1) i += 1;
      else {
        readonly = false;
        break;
      }
    }
    return [{ pos: 1, flags: readonly ? ['RO', 'access'] : ['RW', 'access', 'update'] }];
  }
  if (cmd.name === 'sort' || cmd.name === 'sort_ro') {
    const out: KeyRef[] = [{ pos: 1, flags: ['RO', 'access'] }];
    const skip: Record<string, number> = { limit: 2, get: 1, by: 1 };
    for (let i = 2; i < argv.length; i++) {
      const a = argv[i]!.toLowerCase();
      const n = skip[a];
      if (n !== undefined) i += n;
      else if (a === 'store' && cmd.name === 'sort' && i + 1 < argv.length) {
        out[1] = { pos: i + 1, flags: ['OW', 'update'] };
        i++;
      }
    }
    return out;
  }
  return null;
}
