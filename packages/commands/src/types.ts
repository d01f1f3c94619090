// Types shared by the command table, the dispatch gate and every handler.
// A handler receives the calling Client (argv, db, reply writer) and the Engine; it replies only through
// client.reply and reports expected failures as error replies, never by throwing.
import type { Client } from './client.js';
import type { Engine } from './engine.js';

export type CommandHandler = (c: Client, e: Engine) => void;

/** Command flags as COMMAND INFO prints them (lowercase). */
export type CommandFlag =
  | 'write' | 'readonly' | 'denyoom' | 'module' | 'admin' | 'pubsub' | 'noscript' | 'blocking' | 'loading'
  | 'stale' | 'skip_monitor' | 'skip_slowlog' | 'asking' | 'fast' | 'no_auth' | 'may_replicate' | 'sentinel'
  | 'only_sentinel' | 'no_mandatory_keys' | 'protected' | 'module_getkeys' | 'module_no_cluster'
  | 'no_async_loading' | 'no_multi' | 'movablekeys' | 'allow_busy' | 'module_allow_busy';

export interface KeySpecBeginSearch {
  index?: { pos: number };
  keyword?: { keyword: string; startfrom: number };
  unknown?: null;
}
export interface KeySpecFindKeys {
  range?: { lastkey: number; step: number; limit: number };
  keynum?: { keynumidx: number; firstkey: number; step: number };
  unknown?: null;
}
export interface KeySpec {
  notes?: string;
  flags: string[];
  begin_search: KeySpecBeginSearch;
  find_keys: KeySpecFindKeys;
}
export interface CommandArgument {
  name: string;
  type: string;
  display_text?: string;
  key_spec_index?: number;
  token?: string;
  summary?: string;
  since?: string;
  deprecated_since?: string;
  optional?: boolean;
  multiple?: boolean;
  multiple_token?: boolean;
  value?: string;
  arguments?: CommandArgument[];
}
/** One spec/*.json entry (Valkey's schema), as the generator writes it into the table. */
export interface CommandSpec {
  name: string; // lowercase; subcommands as "container|sub"
  summary?: string;
  complexity?: string;
  group: string;
  since: string;
  arity: number;
  container?: string;
  function?: string;
  history?: [string, string][];
  deprecated_since?: string;
  replaced_by?: string;
  doc_flags?: string[];
  command_flags?: string[];
  acl_categories?: string[];
  command_tips?: string[];
  key_specs?: KeySpec[];
  arguments?: CommandArgument[];
}

/** A command as the dispatcher sees it: spec facts plus the resolved handler and precomputed bits. */
export interface Command {
  readonly name: string; // full name, "get" or "client|list"
  readonly declaredName: string; // name as COMMAND prints it
  readonly spec: CommandSpec;
  readonly arity: number;
  readonly flags: ReadonlySet<CommandFlag>;
  readonly flagBits: number;
  readonly firstKey: number;
  readonly lastKey: number;
  readonly keyStep: number;
  readonly handler: CommandHandler | undefined;
  readonly subcommands: Map<string, Command> | undefined;
  readonly parent: Command | undefined;
  /** Runtime statistics (INFO commandstats). */
  stats: { calls: number; usec: number; rejectedCalls: number; failedCalls: number };
}

/** Bit flags precomputed from CommandFlag for the hot path. */
export const CMD = {
  WRITE: 1 << 0,
  READONLY: 1 << 1,
  DENYOOM: 1 << 2,
  ADMIN: 1 << 3,
  PUBSUB: 1 << 4,
  NOSCRIPT: 1 << 5,
  BLOCKING: 1 << 6,
  LOADING: 1 << 7,
  STALE: 1 << 8,
  SKIP_MONITOR: 1 << 9,
  SKIP_SLOWLOG: 1 << 10,
  FAST: 1 << 11,
  NO_AUTH: 1 << 12,
  MAY_REPLICATE: 1 << 13,
  NO_MULTI: 1 << 14,
  MOVABLE_KEYS: 1 << 15,
  ALLOW_BUSY: 1 << 16,
  NO_MANDATORY_KEYS: 1 << 17,
  PROTECTED: 1 << 18,
} as const;
