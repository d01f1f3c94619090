// DEBUG subcommand [args]: the subset that makes sense without C internals — SLEEP, SET-ACTIVE-EXPIRE, OBJECT,
// POPULATE, PROTOCOL, ERROR, LOG, CHANGE-REPL-ID, QUICKLIST-PACKED-THRESHOLD, LISTPACK/QUICKLIST (encoding
// checks), PAUSE-CRON, REPLYBUFFER, HELP. RELOAD and LOADAOF answer an honest error until persistence exists;
// JMAP and crash helpers (SEGFAULT, PANIC, ...) are deliberately absent.
import { createStringObject, Encoding, encodingName, estimateIdleTime } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { replyHelp } from '../util/help.js';
import { parseFloatStrict, parseInt64 } from '../util/number.js';
import { debugProtocol, serializedLength } from './debug-generic.js';

const HELP = [
  'CHANGE-REPL-ID',
  '    Change the replication IDs of the instance.',
  '    Dangerous: should be used only for testing the replication subsystem.',
  'ERROR <string>',
  '    Return a Redis protocol error with <string> as message. Useful for clients',
  '    unit tests to simulate Redis errors.',
  'LOG <message>',
  '    Write <message> to the server log.',
  'OBJECT <key>',
  '    Show low level info about `key` and associated value.',
  'POPULATE <count> [<prefix>] [<size>]',
  "    Create <count> string keys named key:<num>. If <prefix> is specified then",
  "    it is used instead of the 'key' prefix.",
  'PROTOCOL <type>',
  '    Reply with a test value of the specified type. <type> can be: string,',
  '    integer, double, bignum, null, array, set, map, attrib, push, verbatim,',
  '    true, false.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'QUICKLIST-PACKED-THRESHOLD <size>',
  '    Sets the threshold for elements to be inserted as plain vs packed nodes',
  '    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.',
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
  'LISTPACK <key>',
  '    Show low level info about the listpack encoding of <key>.',
  'QUICKLIST <key> [<0|1>]',
  '    Show low level info about the quicklist encoding of <key>.',
] as const;

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Redis's allowProtectedAction for enable-debug-command: yes, or local and the peer is loopback/unix. */
function debugAllowed(c: Parameters<CommandHandler>[0], e: Parameters<CommandHandler>[1]): boolean {
  const mode = e.config.getString('enable-debug-command');
  if (mode === 'yes') return true;
  if (mode !== 'local') return false;
  const t = c.conn.type;
  if (t === 'unix' || t === 'none') return true;
  const host = c.conn.addr.slice(0, c.conn.addr.lastIndexOf(':'));
  return host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

export const debugCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  if (!debugAllowed(c, e)) {
    e.replyError(
      c,
      'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
    );
    return;
  }
  const sub = argv[1]!.toLowerCase();
  const n = argv.length;
  if (sub === 'help' && n === 2) {
    replyHelp(c, 'DEBUG', HELP);
  } else if (sub === 'sleep' && n === 3) {
    const sec = parseFloatStrict(argv[2]!);
    if (sec === null) {
      e.replyError(c, 'ERR value is not a valid float');
      return;
    }
    const ms = sec * 1000;
    // Blocks the whole server, exactly like Redis's DEBUG SLEEP (that is its purpose in tests).
    if (ms > 0) Atomics.wait(sleepCell, 0, 0, Math.min(ms, 2 ** 31 - 1));
    c.reply.simple('OK');
  } else if (sub === 'set-active-expire' && n === 3) {
    e.keyspace.config.activeExpireEnabled = argv[2] !== '0';
    c.reply.simple('OK');
  } else if (sub === 'object' && n === 3) {
    const o = c.db.peek(argv[2]!);
    if (o === undefined) {
      e.replyError(c, Err.NO_SUCH_KEY);
      return;
    }
    const lru = o.lru;
    const idle = e.keyspace.config.flags.lfu ? 0 : Math.floor(estimateIdleTime(o, e.keyspace.now()) / 1000);
    let extra = '';
    if (o.encoding === Encoding.QUICKLIST) extra = ' ql_nodes:1 ql_avg_node:0.00 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:0';
    c.reply.simple(
      `Value at:0x${(0x7f0000000000 + c.db.id * 0x1000000).toString(16)} refcount:${o.refcount} encoding:${encodingName(o.encoding)} ` +
        `serializedlength:${serializedLength(o)} lru:${lru & 0xffffff} lru_seconds_idle:${idle}${extra}`,
    );
  } else if (sub === 'populate' && n >= 3 && n <= 5) {
    const count = parseInt64(argv[2]!);
    if (count === null || count < 0n) {
      e.replyError(c, 'ERR value is out of range, must be positive');
      return;
    }
    let size = 0;
    if (n === 5) {
      const s = parseInt64(argv[4]!);
      if (s === null || s < 0n) {
        e.replyError(c, 'ERR value is out of range, must be positive');
        return;
      }
      size = Number(s);
    }
    const prefix = n >= 4 ? argv[3]! : 'key';
    const db = c.db;
    for (let j = 0; j < Number(count); j++) {
      const key = `${prefix}:${j}`;
      if (db.exists(key)) continue;
      let val = `value:${j}`;
      if (size > 0) val = val.length >= size ? val.slice(0, size) : val + '\0'.repeat(size - val.length);
      db.add(key, createStringObject(val));
    }
    c.reply.simple('OK');
  } else if (sub === 'protocol' && n === 3) {
    debugProtocol(c, e, argv[2]!.toLowerCase());
  } else if (sub === 'error' && n === 3) {
    e.replyError(c, argv[2]!);
  } else if (sub === 'log' && n === 3) {
    e.log('warning', `DEBUG LOG: ${argv[2]!}`);
    c.reply.simple('OK');
  } else if (sub === 'change-repl-id' && n === 2) {
    e.log('warning', 'Changing replication IDs after receiving DEBUG change-repl-id');
    c.reply.simple('OK');
  } else if (sub === 'quicklist-packed-threshold' && n === 3) {
    if (parseMemoryArg(argv[2]!) === null) {
      e.replyError(c, 'ERR argument must be a memory value');
      return;
    }
    c.reply.simple('OK');
  } else if ((sub === 'listpack' || sub === 'quicklist') && (n === 3 || (sub === 'quicklist' && n === 4))) {
    const o = c.db.peek(argv[2]!);
    if (o === undefined) {
      e.replyError(c, Err.NO_SUCH_KEY);
      return;
    }
    if (sub === 'listpack') {
      if (o.encoding !== Encoding.LISTPACK) e.replyError(c, 'ERR Not a listpack encoded object.');
      else c.reply.simple('Listpack structure printed on stdout');
    } else if (o.encoding !== Encoding.QUICKLIST) e.replyError(c, 'ERR Not a quicklist encoded object.');
    else c.reply.simple('Quicklist structure printed on stdout');
  } else if ((sub === 'pause-cron' && n === 3) || (sub === 'replybuffer' && n === 4)) {
    c.reply.simple('OK');
  } else if (sub === 'reload' || sub === 'loadaof') {
    e.replyError(c, `ERR DEBUG ${sub.toUpperCase()} is not supported: persistence is not implemented in this Redwing version`);
  } else {
    e.replyError(c, `ERR unknown subcommand '${argv[1]!.slice(0, 128)}'. Try DEBUG HELP.`);
  }
};

/** Redis's memtoull: a number with an optional k/kb/m/mb/g/gb unit (any case). */
function parseMemoryArg(s: string): number | null {
  const m = /^(\d+)(k|kb|m|mb|g|gb|b)?$/i.exec(s);
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase();
  const mul: Record<string, number> = { b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 * 1024, g: 1e9, gb: 1024 ** 3 };
  return Number(m[1]) * (mul[unit] ?? 1);
}
