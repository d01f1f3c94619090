// MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [AUTH password] [AUTH2 username password]
// [KEYS key [key ...]]: move (or copy) keys to another instance with AUTH/SELECT/RESTORE carrying DUMP payloads,
// deleting each local key the target acknowledged. Options, replies and error texts as Redis 7.0.
import { Err } from '../errors.js';
import { createDumpPayload } from '../rdb/rdb-value.js';
import type { CommandHandler } from '../types.js';
import { parseIntNum } from '../util/number.js';
import { encodeCommands, migrateRoundTrip } from './migrate-transport.js';

export const migrateCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let copy = false;
  let replace = false;
  let username: string | null = null;
  let password: string | null = null;
  let firstKey = 3;
  let numKeys = 1;
  for (let j = 6; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j]!.toLowerCase();
    if (opt === 'copy') copy = true;
    else if (opt === 'replace') replace = true;
    else if (opt === 'auth') {
      if (more < 1) return e.replyError(c, Err.SYNTAX);
      password = argv[++j]!;
    } else if (opt === 'auth2') {
      if (more < 2) return e.replyError(c, Err.SYNTAX);
      username = argv[++j]!;
      password = argv[++j]!;
    } else if (opt === 'keys') {
      if (argv[3]!.length !== 0) return e.replyError(c, 'ERR When using MIGRATE KEYS option, the key argument must be set to the empty string');
      firstKey = j + 1;
      numKeys = argv.length - j - 1;
      break;
    } else return e.replyError(c, Err.SYNTAX);
  }
  let timeout = parseIntNum(argv[5]!);
  const dbid = parseIntNum(argv[4]!);
  if (timeout === null || dbid === null) return e.replyError(c, Err.NOT_INTEGER);
  if (timeout <= 0) timeout = 1000;

  const keys: string[] = [];
  for (let j = 0; j < numKeys; j++) if (c.db.lookupRead(argv[firstKey + j]!) !== undefined) keys.push(argv[firstKey + j]!);
  if (keys.length === 0) {
    c.reply.simple('NOKEY');
    return;
  }
  const cmds: string[][] = [];
  if (password !== null) cmds.push(username !== null ? ['AUTH', username, password] : ['AUTH', password]);
  cmds.push(['SELECT', String(dbid)]);
  const sent: string[] = [];
  const now = e.keyspace.now();
  for (const key of keys) {
    const o = c.db.peek(key);
    if (o === undefined) continue;
    let ttl = 0;
    const at = c.db.getExpire(key);
    if (at !== -1) {
      ttl = at - now;
      if (ttl < 0) continue;
      if (ttl < 1) ttl = 1;
    }
    const cmd = ['RESTORE', key, String(ttl), createDumpPayload(o, e.config.getBool('rdbcompression')).toString('latin1')];
    if (replace) cmd.push('REPLACE');
    cmds.push(cmd);
    sent.push(key);
  }
  const res = migrateRoundTrip(argv[1]!, argv[2]!, timeout, encodeCommands(cmds), cmds.length);
  const pre = cmds.length - sent.length; // AUTH and SELECT replies come first
  const preError = res.lines.slice(0, pre).find((l) => l.startsWith('-'));
  let targetError: string | undefined;
  for (let j = 0; j < sent.length; j++) {
    const line = res.lines[pre + j];
    if (line === undefined) break;
    if (preError !== undefined || line.startsWith('-')) {
      targetError ??= (preError ?? line).slice(1);
      continue;
    }
    if (!copy && c.db.delete(sent[j]!)) {
      c.db.signalModified(sent[j]!);
      c.db.notify('g', 'del', sent[j]!);
      e.dirty++;
    }
  }
  if (targetError !== undefined) return e.replyError(c, `ERR Target instance replied with error: ${targetError}`);
  if (res.err !== null || res.lines.length < cmds.length) {
    return e.replyError(c, `IOERR error or timeout ${res.err === 'writing' ? 'writing' : 'reading'} to target instance`);
  }
  c.reply.simple('OK');
};
