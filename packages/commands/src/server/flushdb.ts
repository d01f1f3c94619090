// FLUSHDB [ASYNC | SYNC]
import type { CommandHandler } from '../types.js';
import { parseFlushMode } from './flush-generic.js';

export const flushdbCommand: CommandHandler = (c, e) => {
  if (!parseFlushMode(c, e)) return;
  e.watch.touchDb(c.db.id);
  const n = c.db.size();
  c.db.flush();
  e.blocking.signalAll(c.db.id);
  e.dirty += n + 1;
  c.reply.simple('OK');
};
