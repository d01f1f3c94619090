// SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]: options checked as Redis does, then handed to the host
// (apps/server stops the process). Without a host that can shut down, an error says so.
import { CF } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';

export const shutdownCommand: CommandHandler = (c, e) => {
  let nosave = false;
  let save = false;
  let now = false;
  let force = false;
  let abort = false;
  for (let i = 1; i < c.argv.length; i++) {
    const o = c.argv[i]!.toLowerCase();
    if (o === 'nosave') nosave = true;
    else if (o === 'save') save = true;
    else if (o === 'now') now = true;
    else if (o === 'force') force = true;
    else if (o === 'abort') abort = true;
    else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  if ((abort && (nosave || save || now || force)) || (nosave && save)) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  if (!abort && !now && c.flags & CF.DENY_BLOCKING) {
    e.replyError(c, "ERR SHUTDOWN without NOW or ABORT isn't allowed for DENY BLOCKING client");
    return;
  }
  if (!nosave && e.busyScript) {
    e.replyError(c, Err.BUSY);
    return;
  }
  const host = e.host;
  if (!host.shutdown) {
    e.replyError(c, abort ? 'ERR No shutdown in progress.' : 'ERR SHUTDOWN is not supported by this host');
    return;
  }
  const err = host.shutdown({ save: save ? true : nosave ? false : undefined, now, force, abort });
  if (err !== undefined) e.replyError(c, err.startsWith('ERR ') || /^[A-Z]+ /.test(err) ? err : `ERR ${err}`);
  else if (abort) c.reply.simple('OK');
};
