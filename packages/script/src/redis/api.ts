// The `redis` table (and its Valkey alias `server`) that scripts use: call/pcall, error_reply/status_reply,
// sha1hex, log and LOG_*, setresp, set_repl and REPL_*, replicate_commands, breakpoint, debug, acl_check_cmd,
// REDIS_VERSION(_NUM). Everything that touches the server goes through the LuaHost the server provides; the
// texts of the errors raised here are Redis 7's (they surface in clients' error replies).
import { createHash } from 'node:crypto';
import type { LuaEngine } from '../engine.js';
import { type LuaFunction, type LuaGenFunction, LuaError, LuaTable, NONE, numberToString, withGen } from '../value.js';
import { type ScriptReply, errorTable, luaToArg, replyToLua } from './reply.js';

/** What the server hands the script engine. The engine never imports commands. */
export interface LuaHost {
  /** Run a command as the script's client; the reply in the script's protocol (errors as {t:'error'}). */
  call(args: string[]): ScriptReply;
  /** redis.log (levels 0 debug .. 3 warning). */
  log(level: number, msg: string): void;
  /** redis.setresp: the protocol commands should reply in (the engine tracks it too). */
  setresp(v: 2 | 3): void;
  /** redis.set_repl flags (REPL_NONE 0, AOF 1, REPLICA 2, ALL 3). */
  setRepl(flags: number): void;
  /** redis.acl_check_cmd: true/false, or undefined when the command does not exist. */
  aclCheckCmd(args: string[]): boolean | undefined;
}

export interface RedisApiOptions {
  /** Defaults to "7.0.15". */
  version?: string;
}

/** Per-run state the glue needs (reset by RedisLua before each script). */
export interface RedisApiState {
  resp: 2 | 3;
}

function raise(text: string, at: string): never {
  throw new LuaError(errorTable(text), at);
}

export function sha1hex(s: string): string {
  return createHash('sha1').update(Buffer.from(s, 'latin1')).digest('hex');
}

export function installRedisApi(engine: LuaEngine, host: LuaHost, state: RedisApiState, opts: RedisApiOptions = {}): void {
  const R = engine.runtime;
  const T = new LuaTable();
  const def = (name: string, f: LuaFunction): void => T.set(name, f);

  function toArgv(a: unknown[]): string[] | string {
    if (a.length === 0) return 'Please specify at least one argument for this redis lib call';
    const argv = new Array<string>(a.length);
    for (let i = 0; i < a.length; i++) {
      const s = luaToArg(a[i]);
      if (s === undefined) return 'Lua redis lib command arguments must be strings or integers';
      argv[i] = s;
    }
    return argv;
  }

  def('call', function (...a: unknown[]) {
    const argv = toArgv(a);
    const at = R.at;
    if (typeof argv === 'string') raise(argv, at);
    const reply = host.call(argv);
    const v = replyToLua(reply);
    if (reply.t === 'error') throw new LuaError(v, at);
    return v;
  });
  def('pcall', function (...a: unknown[]) {
    const argv = toArgv(a);
    if (typeof argv === 'string') return errorTable(argv);
    return replyToLua(host.call(argv));
  });

  def('error_reply', function (...a: unknown[]) {
    const s = a[0];
    if (a.length !== 1 || typeof s !== 'string') return errorTable('wrong number or type of arguments');
    return errorTable(s.startsWith('-') ? s : '-' + s);
  });
  def('status_reply', function (...a: unknown[]) {
    const s = a[0];
    if (a.length !== 1 || typeof s !== 'string') return errorTable('wrong number or type of arguments');
    const t = new LuaTable();
    t.set('ok', s);
    return t;
  });
  def('sha1hex', function (...a: unknown[]) {
    if (a.length !== 1) raise('wrong number of arguments', R.at);
    const s = a[0];
    return sha1hex(typeof s === 'string' ? s : typeof s === 'number' ? numberToString(s) : '');
  });

  def('log', function (...a: unknown[]) {
    if (a.length < 2) raise('redis.log() requires two arguments or more.', R.at);
    const lv = a[0];
    const level = typeof lv === 'number' ? lv : typeof lv === 'string' ? Number(lv) : NaN;
    if (typeof lv !== 'number' && !(typeof lv === 'string' && !Number.isNaN(level))) {
      raise('First argument must be a number (log level).', R.at);
    }
    const l = Math.trunc(level);
    if (l < 0 || l > 3) raise('Invalid debug level.', R.at);
    const parts: string[] = [];
    for (let i = 1; i < a.length; i++) {
      const v = a[i];
      if (typeof v === 'string') parts.push(v);
      else if (typeof v === 'number') parts.push(numberToString(v));
    }
    host.log(l, parts.join(' '));
    return NONE;
  });
  T.set('LOG_DEBUG', 0);
  T.set('LOG_VERBOSE', 1);
  T.set('LOG_NOTICE', 2);
  T.set('LOG_WARNING', 3);

  def('setresp', function (...a: unknown[]) {
    if (a.length !== 1) raise('redis.setresp() requires one argument.', R.at);
    const v = a[0];
    const n = typeof v === 'number' ? Math.trunc(v) : typeof v === 'string' ? Math.trunc(Number(v)) : 0;
    if (n !== 2 && n !== 3) raise('RESP version must be 2 or 3.', R.at);
    state.resp = n;
    host.setresp(n);
    return NONE;
  });

  def('set_repl', function (...a: unknown[]) {
    if (a.length !== 1) raise('redis.set_repl() requires two arguments.', R.at);
    const v = a[0];
    const flags = typeof v === 'number' ? Math.trunc(v) : 0;
    if ((flags & ~3) !== 0) raise('Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.', R.at);
    host.setRepl(flags);
    return NONE;
  });
  T.set('REPL_NONE', 0);
  T.set('REPL_AOF', 1);
  T.set('REPL_SLAVE', 2);
  T.set('REPL_REPLICA', 2);
  T.set('REPL_ALL', 3);

  def('replicate_commands', () => true);
  def('breakpoint', () => false);
  def('debug', () => NONE);

  def('acl_check_cmd', function (...a: unknown[]) {
    const argv = toArgv(a);
    if (typeof argv === 'string') raise(argv, R.at);
    const r = host.aclCheckCmd(argv);
    if (r === undefined) raise('Invalid command passed to redis.acl_check_cmd()', R.at);
    return r;
  });

  const version = opts.version ?? '7.0.15';
  const [maj = 0, min = 0, pat = 0] = version.split('.').map((x) => Number(x) || 0);
  T.set('REDIS_VERSION', version);
  T.set('REDIS_VERSION_NUM', (maj << 16) | (min << 8) | pat);

  engine.globals.set('redis', T);
  engine.globals.set('server', T);

  // Redis replaces pcall: an error table with an `err` string comes back as that string
  const basePcall = engine.globals.get('pcall') as LuaFunction;
  const baseG = (basePcall as unknown as { $g?: LuaGenFunction }).$g;
  const unwrap = (r: unknown[]): unknown[] => {
    if (r[0] === false && r[1] instanceof LuaTable) {
      const e = r[1].get('err');
      if (typeof e === 'string') return [false, e];
    }
    return r;
  };
  const pcall = (...a: unknown[]): unknown => unwrap(basePcall(...a) as unknown[]);
  // keep the generator form: a busy loop inside pcall must still pause a resumable run
  engine.globals.set(
    'pcall',
    baseG === undefined
      ? pcall
      : withGen(pcall, function* (...a: unknown[]) {
          return unwrap((yield* baseG(...a)) as unknown[]);
        }),
  );
}
