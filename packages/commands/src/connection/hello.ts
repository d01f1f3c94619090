// HELLO [protover [AUTH username password] [SETNAME clientname]]
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseIntNum } from '../util/number.js';
import { checkPassword } from './auth-generic.js';
import { validClientName } from './client-generic.js';

export const REDIS_VERSION = '7.0.15';

export const helloCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let ver = 0;
  let next = 1;
  if (argv.length >= 2) {
    const v = parseIntNum(argv[1]!);
    next = 2;
    if (v === null) {
      e.replyError(c, 'ERR Protocol version is not an integer or out of range');
      return;
    }
    if (v < 2 || v > 3) {
      e.replyError(c, 'NOPROTO unsupported protocol version');
      return;
    }
    ver = v;
  }
  let user: string | undefined;
  let pass = '';
  let name: string | undefined;
  for (let i = next; i < argv.length; i++) {
    const opt = argv[i]!.toUpperCase();
    const left = argv.length - i - 1;
    if (opt === 'AUTH' && left >= 2) {
      user = argv[++i]!;
      pass = argv[++i]!;
    } else if (opt === 'SETNAME' && left >= 1) {
      name = argv[++i]!;
      if (!validClientName(name)) {
        e.replyError(c, 'ERR Client names cannot contain spaces, newlines or special characters.');
        return;
      }
    } else {
      e.replyError(c, `ERR Syntax error in HELLO option '${argv[i]!}'`);
      return;
    }
  }
  if (user !== undefined) {
    if (!checkPassword(e, user, pass)) {
      e.replyError(c, Err.WRONGPASS);
      return;
    }
    c.authenticated = true;
    c.user = user;
  }
  if (!c.authenticated) {
    e.replyError(
      c,
      'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
    );
    return;
  }
  if (name !== undefined) c.name = name;
  if (ver !== 0) c.resp = ver as 2 | 3;
  const r = c.reply;
  r.mapHeader(7);
  r.bulk('server');
  r.bulk('redis');
  r.bulk('version');
  r.bulk(REDIS_VERSION);
  r.bulk('proto');
  r.integer(c.resp);
  r.bulk('id');
  r.integer(c.id);
  r.bulk('mode');
  r.bulk('standalone');
  r.bulk('role');
  r.bulk('master');
  r.bulk('modules');
  r.arrayHeader(0);
};
