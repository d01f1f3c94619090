// EXEC: run the queued commands atomically. Aborts with EXECABORT after a queueing error, answers a null array
// when a WATCHed key was touched (or expired), else an array with each command's reply. Blocking commands inside
// do not block (CF.DENY_BLOCKING).
import { CF } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { discardTransaction } from './multi-generic.js';

export const execCommand: CommandHandler = (c, e) => {
  if (!(c.flags & CF.MULTI)) {
    e.replyError(c, Err.EXEC_WITHOUT_MULTI);
    return;
  }
  if (c.flags & CF.DIRTY_EXEC) {
    discardTransaction(c, e);
    e.replyError(c, Err.EXECABORT);
    return;
  }
  if (c.flags & CF.DIRTY_CAS || e.watch.watchedKeyExpired(c)) {
    discardTransaction(c, e);
    c.reply.nullArray();
    return;
  }
  const queue = c.multiQueue;
  const origArgv = c.argv;
  const origCmd = c.cmd;
  // unwatch first: our own writes must not dirty us
  e.watch.unwatchAll(c);
  c.flags &= ~CF.MULTI;
  c.multiQueue = [];
  c.flags |= CF.DENY_BLOCKING;
  c.reply.arrayHeader(queue.length);
  try {
    for (const q of queue) {
      c.argv = q.argv;
      c.cmd = q.cmd;
      e.call(c, q.cmd);
    }
  } finally {
    c.flags &= ~(CF.DENY_BLOCKING | CF.DIRTY_CAS | CF.DIRTY_EXEC);
    c.argv = origArgv;
    c.cmd = origCmd;
  }
};
