// OBJECT IDLETIME key: seconds since the last access (LRU clock); an error under an LFU policy.
import { estimateIdleTime } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { LFU_SELECTED, objectLookupOrNull } from './object-generic.js';

export const objectIdletimeCommand: CommandHandler = (c, e) => {
  const o = objectLookupOrNull(c, e, c.argv[2]!);
  if (!o) return;
  if (e.keyspace.config.flags.lfu) {
    e.replyError(c, LFU_SELECTED);
    return;
  }
  c.reply.integer(Math.floor(estimateIdleTime(o, e.keyspace.now()) / 1000));
};
