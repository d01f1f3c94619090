// HSETNX key field value: set the field only when absent; replies 1 when set, else 0.
import { hashSet, hashTryConversion } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { commitHash, hashForWrite } from './hash-generic.js';

export const hsetnxCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const w = hashForWrite(c, e, key);
  if (w === null) return;
  if (w.o.ptr.has(argv[2]!)) {
    c.reply.integer(0);
    return;
  }
  const cfg = e.keyspace.config;
  hashTryConversion(w.o, argv, 2, 3, cfg);
  if (w.fresh) commitHash(c, key, w.o);
  hashSet(w.o, argv[2]!, argv[3]!, cfg);
  c.reply.integer(1);
  c.db.signalModified(key);
  c.db.notify('h', 'hset', key);
  e.dirty++;
};
