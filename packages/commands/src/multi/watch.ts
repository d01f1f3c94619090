// WATCH key [key ...]
import { CF } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';

export const watchCommand: CommandHandler = (c, e) => {
  if (c.flags & CF.MULTI) {
    e.replyError(c, Err.WATCH_IN_MULTI);
    return;
  }
  for (let i = 1; i < c.argv.length; i++) e.watch.watch(c, c.db, c.argv[i]!);
  c.reply.simple('OK');
};
