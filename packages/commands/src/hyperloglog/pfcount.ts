// PFCOUNT key [key ...]: estimated cardinality. One key: the cached value, or a fresh estimate that is written back
// into the header (as Redis does, a read that modifies the value). Several keys: the union, merged in a temporary.
import type { CommandHandler } from '../types.js';
import {
  cachedCard,
  ERR_INVALID_HLL,
  estimate,
  HLL_REGISTERS,
  hllView,
  hllHistogram,
  hllMerge,
  lookupHll,
  rawHistogram,
  storeHll,
  withCachedCard,
} from './hyperloglog-generic.js';

export const pfcountCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  if (argv.length > 2) {
    const max = new Uint8Array(HLL_REGISTERS);
    for (let j = 1; j < argv.length; j++) {
      const s = lookupHll(c, e, argv[j]!);
      if (s === null) return;
      if (s === undefined) continue;
      if (!hllMerge(max, hllView(s))) {
        e.replyError(c, ERR_INVALID_HLL);
        return;
      }
    }
    c.reply.integer(estimate(rawHistogram(max)));
    return;
  }
  const key = argv[1]!;
  const s = lookupHll(c, e, key);
  if (s === null) return;
  if (s === undefined) {
    c.reply.integer(0);
    return;
  }
  const cached = cachedCard(s);
  if (cached !== -1) {
    c.reply.integer(cached);
    return;
  }
  const histo = hllHistogram(hllView(s));
  if (histo === null) {
    e.replyError(c, ERR_INVALID_HLL);
    return;
  }
  const card = estimate(histo);
  storeHll(c, key, withCachedCard(s, card), true);
  c.db.signalModified(key);
  e.dirty++;
  c.reply.integer(card);
};
