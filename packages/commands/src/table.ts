// The runtime command table: specs (generated from spec/*.json) joined with their handlers, flags turned into
// bits, and the legacy first/last/step key range derived from key specs exactly as Redis derives it
// (populateCommandLegacyRangeSpec), including the `movablekeys` flag. Lookup is by lowercase name.
import { HANDLERS } from './generated/handlers.js';
import { SPECS } from './generated/specs.js';
import { CMD, type Command, type CommandFlag, type CommandHandler, type CommandSpec } from './types.js';

const FLAG_BITS: Partial<Record<CommandFlag, number>> = {
  write: CMD.WRITE,
  readonly: CMD.READONLY,
  denyoom: CMD.DENYOOM,
  admin: CMD.ADMIN,
  pubsub: CMD.PUBSUB,
  noscript: CMD.NOSCRIPT,
  blocking: CMD.BLOCKING,
  loading: CMD.LOADING,
  stale: CMD.STALE,
  skip_monitor: CMD.SKIP_MONITOR,
  skip_slowlog: CMD.SKIP_SLOWLOG,
  fast: CMD.FAST,
  no_auth: CMD.NO_AUTH,
  may_replicate: CMD.MAY_REPLICATE,
  no_multi: CMD.NO_MULTI,
  movablekeys: CMD.MOVABLE_KEYS,
  allow_busy: CMD.ALLOW_BUSY,
  no_mandatory_keys: CMD.NO_MANDATORY_KEYS,
  protected: CMD.PROTECTED,
};

interface LegacyRange {
  first: number;
  last: number;
  step: number;
  movable: boolean;
}

/** Redis's legacy (first, last, step) triple from key specs, plus whether keys are "movable". */
export function legacyRange(spec: CommandSpec): LegacyRange {
  const ks = spec.key_specs ?? [];
  if (ks.length === 0) return { first: 0, last: 0, step: 0, movable: false };
  const isRange = (k: (typeof ks)[number]): boolean => !!k.begin_search.index && !!k.find_keys.range;
  const only = ks[0];
  if (ks.length === 1 && only && isRange(only)) {
    const pos = only.begin_search.index?.pos ?? 0;
    const r = only.find_keys.range ?? { lastkey: 0, step: 0, limit: 0 };
    return {
      first: pos,
      last: r.lastkey >= 0 ? pos + r.lastkey : r.lastkey,
      step: r.step,
      movable: only.flags.includes('INCOMPLETE'),
    };
  }
  let first = Number.MAX_SAFE_INTEGER;
  let last = 0;
  let prevLast = 0;
  let movable = false;
  const asUnsigned = (n: number): number => (n < 0 ? 2 ** 32 + n : n);
  for (const k of ks) {
    if (!isRange(k)) {
      movable = true;
      continue;
    }
    const pos = k.begin_search.index?.pos ?? 0;
    const r = k.find_keys.range ?? { lastkey: 0, step: 0, limit: 0 };
    if (r.step !== 1 || (prevLast !== 0 && prevLast !== pos - 1)) {
      movable = true;
      continue;
    }
    if (k.flags.includes('INCOMPLETE')) movable = true;
    first = Math.min(first, pos);
    const abs = r.lastkey >= 0 ? r.lastkey + pos : r.lastkey;
    last = asUnsigned(last) >= asUnsigned(abs) ? last : abs;
    prevLast = last;
  }
  if (first === Number.MAX_SAFE_INTEGER) return { first: 0, last: 0, step: 0, movable: true };
  return { first, last, step: 1, movable };
}

function makeCommand(spec: CommandSpec, handler: CommandHandler | undefined, parent: Command | undefined): Command {
  const range = legacyRange(spec);
  const flags = new Set<CommandFlag>((spec.command_flags ?? []).map((f) => f.toLowerCase() as CommandFlag));
  if (range.movable) flags.add('movablekeys');
  let bits = 0;
  for (const f of flags) bits |= FLAG_BITS[f] ?? 0;
  return {
    name: spec.name,
    declaredName: spec.name,
    spec,
    arity: spec.arity,
    flags,
    flagBits: bits,
    firstKey: range.first,
    lastKey: range.last,
    keyStep: range.step,
    handler,
    subcommands: undefined,
    parent,
    stats: { calls: 0, usec: 0, rejectedCalls: 0, failedCalls: 0 },
  };
}

export class CommandTable {
  /** Top-level commands by lowercase name. */
  readonly commands = new Map<string, Command>();

  constructor(specs: readonly CommandSpec[] = SPECS, handlers: Readonly<Record<string, CommandHandler>> = HANDLERS) {
    const subs: CommandSpec[] = [];
    for (const spec of specs) {
      if (spec.container) subs.push(spec);
      else this.commands.set(spec.name, makeCommand(spec, handlers[spec.name], undefined));
    }
    for (const spec of subs) {
      const parent = this.commands.get((spec.container ?? '').toLowerCase());
      if (!parent) continue;
      const sub = makeCommand(spec, handlers[spec.name], parent);
      let map = parent.subcommands;
      if (!map) {
        map = new Map();
        (parent as { subcommands: Map<string, Command> }).subcommands = map;
      }
      map.set(spec.name.slice(spec.name.indexOf('|') + 1), sub);
    }
    for (const [name, cmd] of this.commands) this.upper.set(name.toUpperCase(), cmd);
  }

  /** Upper-case aliases of top-level names: clients mostly send "GET" or "get", so both hit on the first probe. */
  private readonly upper = new Map<string, Command>();

  /** Top-level lookup by (any case) name. */
  get(name: string): Command | undefined {
    return this.commands.get(name) ?? this.upper.get(name) ?? this.commands.get(name.toLowerCase());
  }

  /** Full lookup: resolves a container's subcommand from argv[1] when there is one. */
  lookup(argv: readonly string[]): Command | undefined {
    const base = this.get(argv[0] ?? '');
    if (!base || !base.subcommands || argv.length < 2) return base;
    return base.subcommands.get((argv[1] ?? '').toLowerCase()) ?? base;
  }

  /** Lookup by "container|sub" or plain name (COMMAND INFO, ACL). */
  byFullName(name: string): Command | undefined {
    const lower = name.toLowerCase();
    const bar = lower.indexOf('|');
    if (bar < 0) return this.commands.get(lower);
    return this.commands.get(lower.slice(0, bar))?.subcommands?.get(lower.slice(bar + 1));
  }

  *all(): IterableIterator<Command> {
    for (const c of this.commands.values()) {
      yield c;
      if (c.subcommands) yield* c.subcommands.values();
    }
  }
}
