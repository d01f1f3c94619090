// CLIENT NO-EVICT ON | OFF
import { CF } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';

export const clientNoEvictCommand: CommandHandler = (c, e) => {
  const m = c.argv[2]!.toLowerCase();
  if (m === 'on') c.flags |= CF.NO_EVICT;
  else if (m === 'off') c.flags &= ~CF.NO_EVICT;
  else {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  c.reply.simple('OK');
};
