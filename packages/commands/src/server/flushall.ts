// FLUSHALL [ASYNC | SYNC]
import type { CommandHandler } from '../types.js';
import { parseFlushMode } from './flush-generic.js';

export const flushallCommand: CommandHandler = (c, e) => {
  if (!parseFlushMode(c, e)) return;
  e.watch.touchDb(-1);
  let n = 0;
  for (const db of e.keyspace.dbs) n += db.size();
  e.keyspace.flushAll();
  e.blocking.signalAll(-1);
  e.dirty += n + 1;
  c.reply.simple('OK');
};
