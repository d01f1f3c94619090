// OBJECT FREQ key: the LFU counter after decay; an error unless an LFU policy is selected.
import { lfuDecrAndReturn } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { LFU_NOT_SELECTED, objectLookupOrNull } from './object-generic.js';

export const objectFreqCommand: CommandHandler = (c, e) => {
  const o = objectLookupOrNull(c, e, c.argv[2]!);
  if (!o) return;
  const cfg = e.keyspace.config;
  if (!cfg.flags.lfu) {
    e.replyError(c, LFU_NOT_SELECTED);
    return;
  }
  c.reply.integer(lfuDecrAndReturn(o, e.keyspace.now(), cfg.lfuDecayTime));
};
