// EVAL/EVALSHA/SCRIPT state: the RedisLua interpreters (one for EVAL, one for FUNCTION libraries), the script cache by SHA1,
// the hidden scripting client that runs redis.call() commands, and the per-run context (caller, read-only mode,
// whether the script wrote). Command checks inside scripts follow Redis's scriptCall order: arity, noscript,
// read-only scripts, OOM before the first write.
import { RedisLua, sha1hex, type LuaFunction, type LuaHost, type ScriptReply } from '@redwing/script';
import type { ReplyWriter } from '@redwing/resp';
import { CF, Client } from '../client.js';
import type { Engine } from '../engine.js';
import { CMD } from '../types.js';
import { parseScriptReply } from './resp-to-script.js';

export interface ScriptEntry {
  body: string;
  fn: LuaFunction;
  /** Flags from a `#!lua flags=...` shebang, or null for a plain (backwards-compatible) script. */
  flags: Set<string> | null;
}

interface RunContext {
  caller: Client;
  readOnly: boolean;
  wrote: boolean;
  allowOom: boolean;
  startedOom: boolean;
  start: number;
  /** Set when the fast run passed busy-reply-threshold without writing: re-run it in slices. */
  restart: boolean;
  /** True while stepping the resumable (sliced) form. */
  sliced: boolean;
  sliceStart: number;
  killed: boolean;
  /** Whether the run may be moved to slices (a top-level EVAL, not inside EXEC or another script). */
  canSlice: boolean;
  /**
   * True when the run is the resumable form from its start (a top-level FCALL): past busy-reply-threshold it
   * simply continues in slices, written or not, instead of being restarted.
   */
  live: boolean;
  /** The function's name for FCALL/FCALL_RO, undefined for EVAL & co (SCRIPT KILL vs FUNCTION KILL). */
  functionName: string | undefined;
  /** The caller's command, as FUNCTION STATS shows it. */
  argv: string[];
  /** Past the threshold, not sliceable: the host polls clients from the budget hook (pollWhileBusy). */
  stuck: boolean;
  lastPoll: number;
}

const LOAD_TIMEOUT_MS = 500;
const NOREPLICAS = 'NOREPLICAS Not enough good replicas to write.';
const BUSY_EVAL = 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.';
const BUSY_FUNCTION = 'BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.';

type Stepper = { step(): { done: true; reply: ScriptReply } | { done: false } };

/** How long one slice of a busy script runs before yielding to the event loop. */
const SLICE_MS = 20;
/** How often a stuck (written, unsliceable) script lets the host poll its clients. */
const POLL_MS = 50;

export class ScriptingState {
  readonly scripts = new Map<string, ScriptEntry>();
  private luaInstance: RedisLua | null = null;
  private functionsInstance: RedisLua | null = null;
  /** When a FUNCTION LOAD run started (its budget: 500 ms), null otherwise. */
  private loadStart: number | null = null;
  private readonly luaClient: Client;
  run: RunContext | null = null;
  /** The script running in slices (between slices `run` is null), for SCRIPT KILL and FUNCTION STATS. */
  private slicedRun: RunContext | null = null;

  constructor(private readonly engine: Engine) {
    this.luaClient = new Client(0, engine.keyspace.db(0), { authenticated: true });
    this.luaClient.flags |= CF.SCRIPT | CF.DENY_BLOCKING;
    this.luaClient.conn = { addr: '', laddr: '', fd: -1, type: 'none' };
  }

  get lua(): RedisLua {
    if (!this.luaInstance) {
      this.luaInstance = new RedisLua(this.host(), { budget: { checkEvery: 10000, onBudget: () => this.onBudget() } });
    }
    return this.luaInstance;
  }

  /**
   * The Lua state of FUNCTION libraries, separate from EVAL's as in Redis (SCRIPT FLUSH does not touch it).
   * Its functions are compiled resumable, so a top-level FCALL runs in slices once it passes the threshold.
   */
  get functionsLua(): RedisLua {
    this.functionsInstance ??= new RedisLua(this.host(), { budget: { checkEvery: 10000, onBudget: () => this.onBudget() } });
    return this.functionsInstance;
  }

  /**
   * FUNCTION LOAD: run library code (without its shebang line) in the load-time environment; a load that
   * runs longer than 500 ms is stopped (FUNCTION LOAD timeout), as in Redis.
   */
  loadLibrary(code: string): ReturnType<RedisLua['loadLibrary']> {
    this.loadStart = Date.now();
    try {
      return this.functionsLua.loadLibrary(code, { resumable: true });
    } finally {
      this.loadStart = null;
    }
  }

  /**
   * The budget hook, called every few thousand back-edges/calls. A fast run that passes busy-reply-threshold
   * without having written is aborted and re-run from the start in slices (nothing else ran meanwhile, so the
   * re-run sees the same data); a sliced run yields every SLICE_MS so other clients get BUSY and SCRIPT KILL works.
   */
  private onBudget(): 'continue' | 'abort' | 'yield' {
    const run = this.run;
    if (!run) return this.loadStart !== null && Date.now() - this.loadStart > LOAD_TIMEOUT_MS ? 'abort' : 'continue';
    if (run.killed) return 'abort';
    const now = Date.now();
    if (run.sliced) return now - run.sliceStart >= SLICE_MS ? 'yield' : 'continue';
    const threshold = this.engine.config.getNumber('busy-reply-threshold');
    if (run.live) return threshold > 0 && now - run.start >= threshold ? 'yield' : 'continue';
    if (threshold > 0 && now - run.start >= threshold) {
      if (!run.wrote && run.canSlice) {
        run.restart = true;
        return 'abort';
      }
      this.pollStuck(run, now);
      if (run.killed) return 'abort';
    }
    return 'continue';
  }

  /**
   * A script past the threshold that cannot be restarted in slices (it wrote, or runs inside EXEC or another
   * script): mark the server busy and let the host answer other clients synchronously every POLL_MS.
   */
  private pollStuck(run: RunContext, now: number): void {
    const e = this.engine;
    if (!e.host.pollWhileBusy) return;
    if (!run.stuck) {
      run.stuck = true;
      e.busyScript = true;
      this.slicedRun = run;
      e.log('warning', 'Slow script detected: still in execution after the busy-reply-threshold; it cannot be sliced, other clients get BUSY.');
    }
    if (now - run.lastPoll < POLL_MS) return;
    run.lastPoll = now;
    const saved = this.run;
    const lc = this.luaClient;
    const lcState = { db: lc.db, user: lc.user, resp: lc.resp };
    const current = e.currentClient;
    try {
      e.host.pollWhileBusy(run.caller);
    } finally {
      this.run = saved;
      e.currentClient = current;
      lc.db = lcState.db;
      lc.user = lcState.user;
      lc.resp = lcState.resp;
    }
  }

  /** The stuck script ended: the server is no longer busy. */
  private endStuck(run: RunContext): void {
    if (!run.stuck) return;
    run.stuck = false;
    this.engine.busyScript = false;
    if (this.slicedRun === run) this.slicedRun = null;
  }

  /**
   * SCRIPT KILL (`isEval`) / FUNCTION KILL: returns an error text, or undefined when the running script will
   * stop. Each one only stops its own kind, as in Redis.
   */
  kill(isEval = true): string | undefined {
    const run = this.slicedRun;
    if (!run) return 'NOTBUSY No scripts in execution right now.';
    if (run.wrote)
      return 'UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.';
    if (isEval && run.functionName !== undefined) return BUSY_FUNCTION;
    if (!isEval && run.functionName === undefined) return BUSY_EVAL;
    run.killed = true;
    return undefined;
  }

  /** The BUSY error other clients get while a script runs in slices (Redis words it by the script's kind). */
  busyError(): string {
    return this.slicedRun?.functionName !== undefined ? BUSY_FUNCTION : BUSY_EVAL;
  }

  /** FUNCTION STATS' running_script: the function running in slices, if any. */
  runningFunction(): { name: string; argv: string[]; durationMs: number } | undefined {
    const run = this.slicedRun;
    if (!run || run.functionName === undefined) return undefined;
    return { name: run.functionName, argv: run.argv, durationMs: Date.now() - run.start };
  }

  /** SCRIPT FLUSH: forget every script and start from a fresh interpreter. */
  flush(): void {
    this.scripts.clear();
    this.luaInstance = null;
  }

  get memory(): number {
    let n = 0;
    for (const s of this.scripts.values()) n += s.body.length + 200;
    return n;
  }

  /** Compile (or fetch) a script body. Returns the entry or an error text (without '-'). */
  load(body: string): { sha: string; entry: ScriptEntry } | { error: string } {
    const sha = sha1hex(body);
    const cached = this.scripts.get(sha);
    if (cached) return { sha, entry: cached };
    let flags: Set<string> | null = null;
    let source = body;
    if (body.startsWith('#!')) {
      const eol = body.indexOf('\n');
      if (eol < 0) return { error: 'ERR Invalid script shebang' };
      const first = body.slice(0, eol);
      const parsed = parseShebang(first);
      if ('error' in parsed) return parsed;
      flags = parsed.flags;
      // keep line numbers: the shebang line becomes an empty line
      source = '\n' + body.slice(eol + 1);
    }
    const fn = this.lua.compile(source);
    if ('error' in fn) return { error: `ERR Error compiling script (new function): ${fn.error}` };
    const entry: ScriptEntry = { body, fn, flags };
    this.scripts.set(sha, entry);
    return { sha, entry };
  }

  /** Run a script for `caller` and write its reply. */
  exec(caller: Client, sha: string, entry: ScriptEntry, keys: string[], args: string[], readOnlyCommand: boolean): void {
    this.runWith(caller, entry.flags, readOnlyCommand, () => this.lua.runEval(entry.fn, keys, args, sha), () => {
      const fn = this.lua.compileResumable(entry.flags ? '\n' + entry.body.slice(entry.body.indexOf('\n') + 1) : entry.body);
      if ('error' in fn) return null;
      return this.lua.startEval(fn, keys, args, sha);
    });
  }

  /** FCALL's resumable form: the generator form of a function compiled at FUNCTION LOAD, started with keys/args. */
  resumableFunction(fn: LuaFunction, keys: string[], args: string[], name: string): Stepper | null {
    if ((fn as { $g?: unknown }).$g === undefined) return null;
    return this.functionsLua.startFunction(fn, keys, args, name);
  }

  /** The shared run protocol of EVAL and FCALL: flag checks, the run context, the reply. */
  runWith(
    caller: Client,
    flags: Set<string> | null,
    readOnlyCommand: boolean,
    body: () => ScriptReply,
    resumable?: () => { step(): { done: true; reply: ScriptReply } | { done: false } } | null,
    functionName?: string,
  ): void {
    const e = this.engine;
    if (flags) {
      if (!flags.has('no-writes') && readOnlyCommand) {
        e.replyError(caller, 'ERR Can not execute a script with write flag using *_ro command.');
        return;
      }
      if (!flags.has('no-writes') && this.lacksGoodReplicas()) {
        e.replyError(caller, NOREPLICAS);
        return;
      }
      if (!flags.has('allow-oom') && !flags.has('no-writes') && e.keyspace.config.maxmemory > 0 && e.keyspace.performEvictions() === 'oom') {
        e.replyError(caller, "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'");
        return;
      }
    }
    const lc = this.luaClient;
    lc.db = caller.db;
    lc.user = caller.user;
    lc.resp = 2;
    this.run = {
      caller,
      readOnly: readOnlyCommand || (flags?.has('no-writes') ?? false),
      wrote: false,
      allowOom: flags ? flags.has('allow-oom') || flags.has('no-writes') : false,
      startedOom: e.keyspace.config.maxmemory > 0 && e.keyspace.performEvictions() === 'oom',
      start: Date.now(),
      restart: false,
      sliced: false,
      sliceStart: 0,
      killed: false,
      canSlice: resumable !== undefined && e.callDepth === 1 && (caller.flags & (CF.DENY_BLOCKING | CF.SCRIPT)) === 0,
      functionName,
      argv: caller.argv.slice(),
      live: false,
      stuck: false,
      lastPoll: 0,
    };
    let reply: ScriptReply;
    const run = this.run;
    if (functionName !== undefined && run.canSlice && resumable) {
      // FCALL: run the resumable form from the start; if it passes busy-reply-threshold it goes on in slices
      let stepper: Stepper | null = null;
      let first: { done: true; reply: ScriptReply } | { done: false } = { done: false };
      run.live = true;
      try {
        stepper = resumable();
        if (stepper) first = stepper.step();
      } finally {
        this.run = null;
      }
      if (stepper) {
        if (first.done) writeScriptReply(e, caller, first.reply);
        else this.runSliced(caller, run, stepper);
        return;
      }
      run.live = false;
      this.run = run;
    }
    try {
      reply = body();
    } finally {
      this.run = null;
      this.endStuck(run);
    }
    if (run.restart && resumable) {
      const stepper = resumable();
      if (stepper) {
        this.runSliced(caller, run, stepper);
        return;
      }
    }
    writeScriptReply(e, caller, reply);
  }

  /**
   * Run a busy script in slices: the caller waits like a blocked client, every other client gets BUSY (the gate
   * checks e.busyScript), SCRIPT KILL can stop it. The data cannot change between slices: only commands flagged
   * allow-busy run, and none of them writes.
   */
  private runSliced(caller: Client, run: RunContext, stepper: { step(): { done: true; reply: ScriptReply } | { done: false } }): void {
    const e = this.engine;
    run.sliced = true;
    run.restart = false;
    run.live = false;
    e.busyScript = true;
    this.slicedRun = run;
    this.luaClient.resp = 2;
    this.luaClient.db = caller.db;
    caller.flags |= CF.BLOCKED;
    caller.host?.blockedChanged?.(caller, true);
    e.log('warning', 'Slow script detected: still in execution after the busy-reply-threshold; other clients get BUSY.');
    const step = (): void => {
      this.run = run;
      run.sliceStart = Date.now();
      e.keyspace.freezeTime(run.start);
      e.callDepth++;
      let r: { done: true; reply: ScriptReply } | { done: false };
      try {
        r = stepper.step();
      } catch (err) {
        r = { done: true, reply: { t: 'error', v: `ERR internal error: ${err instanceof Error ? err.message : String(err)}` } };
      } finally {
        e.callDepth--;
        e.keyspace.unfreezeTime();
        this.run = null;
      }
      if (!r.done) {
        setImmediate(step);
        return;
      }
      e.busyScript = false;
      this.slicedRun = null;
      caller.flags &= ~CF.BLOCKED;
      writeScriptReply(e, caller, r.reply);
      caller.host?.wantsFlush?.(caller);
      caller.host?.blockedChanged?.(caller, false);
      if (e.blocking.hasReadyKeys()) e.blocking.handleReadyKeys();
    };
    setImmediate(step);
  }

  private host(): LuaHost {
    return {
      call: (args) => this.call(args),
      log: (level, msg) => {
        const lv = level <= 0 ? 'debug' : level === 1 ? 'verbose' : level === 2 ? 'notice' : 'warning';
        this.engine.log(lv, msg);
      },
      setresp: (v) => {
        this.luaClient.resp = v;
      },
      setRepl: () => undefined,
      aclCheckCmd: (args) => (this.engine.table.lookup(args) ? true : undefined),
    };
  }

  /** redis.call / redis.pcall: run one command as the scripting client and hand its reply back. */
  private call(args: string[]): ScriptReply {
    const e = this.engine;
    const lc = this.luaClient;
    const run = this.run;
    let cmd = e.table.get(args[0] ?? '');
    if (cmd?.subcommands && args.length >= 2) cmd = cmd.subcommands.get((args[1] ?? '').toLowerCase());
    if (!cmd || (cmd.arity > 0 && cmd.arity !== args.length) || args.length < -cmd.arity) {
      return this.reject(cmd ? 'ERR Wrong number of args calling Redis command from script' : 'ERR Unknown Redis command called from script');
    }
    const bits = cmd.flagBits;
    if (bits & CMD.NOSCRIPT) return this.reject('ERR This Redis command is not allowed from script');
    if (run) {
      if (run.readOnly && bits & (CMD.WRITE | CMD.MAY_REPLICATE)) {
        return this.reject('ERR Write commands are not allowed from read-only scripts.');
      }
      if (bits & CMD.WRITE && !run.wrote && this.lacksGoodReplicas()) return this.reject(NOREPLICAS);
      if (!run.allowOom && !run.wrote && run.startedOom && bits & CMD.DENYOOM) {
        return this.reject("OOM command not allowed when used memory > 'maxmemory'.");
      }
      if (bits & CMD.WRITE) run.wrote = true;
    }
    lc.argv = args;
    lc.cmd = cmd;
    lc.reply.reset();
    e.call(lc, cmd);
    const n = lc.reply.length;
    if (n === 0) return { t: 'null' };
    // small replies are read in place (no copy); a large one is taken so the writer does not keep its buffer
    if (n > 65536) return parseScriptReply(lc.reply.take());
    const r = parseScriptReply(lc.reply.view());
    lc.reply.reset();
    return r;
  }

  /** min-replicas-to-write is set: Redwing has no replicas, so writes are refused as Redis refuses them. */
  private lacksGoodReplicas(): boolean {
    const cfg = this.engine.config;
    return cfg.getNumber('min-replicas-to-write') > 0 && cfg.getNumber('min-replicas-max-lag') > 0;
  }

  private reject(text: string): ScriptReply {
    this.engine.stats.countError(text);
    return { t: 'error', v: text };
  }
}

/** `#!lua [flags=a,b]`: the flags of an EVAL shebang (texts of Redis's evalExtractShebangFlags). */
function parseShebang(line: string): { flags: Set<string> } | { error: string } {
  const parts = line.split(/[ \t\r\v\f]+/).filter((p) => p !== '');
  if (parts.length === 0) return { error: 'ERR Invalid engine in script shebang' };
  if (parts[0] !== '#!lua') return { error: `ERR Unexpected engine in script shebang: ${parts[0] ?? ''}` };
  const flags = new Set<string>();
  for (const p of parts.slice(1)) {
    if (p.startsWith('flags=')) {
      const list = p.slice(6);
      if (list === '') continue;
      for (const f of list.split(',')) {
        if (!['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'].includes(f))
          return { error: `ERR Unexpected flag in script shebang: ${f}` };
        flags.add(f);
      }
    } else return { error: `ERR Unknown lua shebang option: ${p}` };
  }
  return { flags };
}

/** Write a script's converted return value to the caller in the caller's protocol. */
export function writeScriptReply(e: Engine, c: Client, r: ScriptReply): void {
  if (r.t === 'error') {
    e.replyError(c, r.v);
    return;
  }
  writeValue(c.reply, r);
}

function writeValue(w: ReplyWriter, r: ScriptReply): void {
  switch (r.t) {
    case 'bulk':
      w.bulk(r.v);
      return;
    case 'status':
      w.simple(r.v);
      return;
    case 'error':
      w.error(r.v);
      return;
    case 'int':
      w.integer(r.v);
      return;
    case 'null':
      w.null();
      return;
    case 'nullarray':
      w.nullArray();
      return;
    case 'null3':
      w.null();
      return;
    case 'array':
      w.arrayHeader(r.v.length);
      for (const x of r.v) writeValue(w, x);
      return;
    case 'set':
      w.setHeader(r.v.length);
      for (const x of r.v) writeValue(w, x);
      return;
    case 'map':
      w.mapHeader(r.v.length);
      for (const [k, v] of r.v) {
        writeValue(w, k);
        writeValue(w, v);
      }
      return;
    case 'double':
      w.double(r.v);
      return;
    case 'bool':
      w.boolean(r.v);
      return;
    case 'bignum':
      w.bigNumber(r.v);
      return;
    case 'verbatim':
      w.verbatim(r.v, r.format);
      return;
  }
}
