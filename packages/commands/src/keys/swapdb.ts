// SWAPDB index1 index2: exchanges two dbs' contents. WATCHers of keys that exist in either db before or after
// the swap are dirtied, and clients blocked on keys of either db that now hold a value are signalled.
import { CF } from '../client.js';
import type { CommandHandler } from '../types.js';
import { parseIntNum } from '../util/number.js';

export const swapdbCommand: CommandHandler = (c, e) => {
  const a = parseIntNum(c.argv[1]!);
  if (a === null || a < -2147483648 || a > 2147483647) {
    e.replyError(c, 'ERR invalid first DB index');
    return;
  }
  const b = parseIntNum(c.argv[2]!);
  if (b === null || b < -2147483648 || b > 2147483647) {
    e.replyError(c, 'ERR invalid second DB index');
    return;
  }
  const n = e.keyspace.dbs.length;
  if (a < 0 || a >= n || b < 0 || b >= n) {
    e.replyError(c, 'ERR DB index is out of range');
    return;
  }
  if (a !== b) {
    e.watch.touchDb(a);
    e.watch.touchDb(b);
    e.keyspace.swapDb(a, b);
    e.watch.touchDb(a);
    e.watch.touchDb(b);
    for (const cl of e.clients.values()) {
      if ((cl.flags & CF.BLOCKED) === 0 || (cl.db.id !== a && cl.db.id !== b)) continue;
      for (const k of e.blocking.blockedKeys(cl)) if (cl.db.exists(k)) cl.db.signalReady(k);
    }
  }
  e.dirty++;
  c.reply.simple('OK');
};
