// UNWATCH
import { CF } from '../client.js';
import type { CommandHandler } from '../types.js';

export const unwatchCommand: CommandHandler = (c, e) => {
  e.watch.unwatchAll(c);
  c.flags &= ~CF.DIRTY_CAS;
  c.reply.simple('OK');
};
