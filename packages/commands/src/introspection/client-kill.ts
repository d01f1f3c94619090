// CLIENT KILL ip:port (old form: OK or "No such client", may kill the caller) and
// CLIENT KILL [ID id] [TYPE type] [USER name] [ADDR ip:port] [LADDR ip:port] [SKIPME yes|no] (count of killed).
import { CF, type Client } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';
import { clientType, clientTypeByName, type ClientType } from './client-list-format.js';

export const clientKillCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let addr: string | undefined;
  let laddr: string | undefined;
  let user: string | undefined;
  let type: ClientType | undefined;
  let id = 0;
  let skipme = true;
  if (argv.length === 3) {
    addr = argv[2]!;
    skipme = false;
  } else if (argv.length > 3) {
    for (let i = 2; i < argv.length; i += 2) {
      const opt = argv[i]!.toLowerCase();
      const val = argv[i + 1];
      if (val === undefined) {
        e.replyError(c, Err.SYNTAX);
        return;
      }
      if (opt === 'id') {
        const n = parseInt64(val);
        if (n === null || n < 1n) {
          e.replyError(c, 'ERR client-id should be greater than 0');
          return;
        }
        id = Number(n);
      } else if (opt === 'type') {
        type = clientTypeByName(val);
        if (type === undefined) {
          e.replyError(c, `ERR Unknown client type '${val}'`);
          return;
        }
      } else if (opt === 'addr') addr = val;
      else if (opt === 'laddr') laddr = val;
      else if (opt === 'user') {
        if (val !== 'default') {
          e.replyError(c, `ERR No such user '${val}'`);
          return;
        }
        user = val;
      } else if (opt === 'skipme') {
        const v = val.toLowerCase();
        if (v === 'yes') skipme = true;
        else if (v === 'no') skipme = false;
        else {
          e.replyError(c, Err.SYNTAX);
          return;
        }
      } else {
        e.replyError(c, Err.SYNTAX);
        return;
      }
    }
  } else {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const victims: Client[] = [];
  let closeSelf = false;
  for (const cl of e.clients.values()) {
    if (addr !== undefined && cl.conn.addr !== addr) continue;
    if (laddr !== undefined && cl.conn.laddr !== laddr) continue;
    if (type !== undefined && clientType(cl) !== type) continue;
    if (id !== 0 && cl.id !== id) continue;
    if (user !== undefined && cl.user !== user) continue;
    if (cl === c) {
      if (skipme) continue;
      closeSelf = true;
    } else victims.push(cl);
  }
  for (const cl of victims) killClient(e, cl);
  const killed = victims.length + (closeSelf ? 1 : 0);
  if (argv.length === 3) {
    if (killed === 0) e.replyError(c, 'ERR No such client');
    else c.reply.simple('OK');
  } else c.reply.integer(killed);
  if (closeSelf) c.flags |= CF.CLOSE_AFTER_REPLY;
};

/** Close another client's connection at once and forget it (so INFO/CLIENT LIST stop counting it now). */
function killClient(e: Parameters<CommandHandler>[1], cl: Client): void {
  cl.flags |= CF.CLOSE_ASAP;
  cl.host?.close?.(cl, false);
  e.freeClient(cl);
}
