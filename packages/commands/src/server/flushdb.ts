// FLUSHDB [ASYNC | SYNC]
import type { CommandHandler } from '../types.js';
import { parseFlushMode } from './flush-generic.js';

export const flushdbCommand: CommandHandler = (c, e) => {
  if (!parseFlushMode(c, e)) return;
  e.watch.touchDb(c.db.id);
  const n = c.db.size();
  c.db.flush();
  e.dirty += n + 1;
  c.reply.simple('OK');
};
