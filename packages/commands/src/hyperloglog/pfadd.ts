// PFADD key [element ...]: adds elements to the HyperLogLog (created sparse when missing); 1 if any register
// changed (or the key was created), else 0. A corrupt value gets INVALIDOBJ.
import type { CommandHandler } from '../types.js';
import { keyChanged } from '../util/lookup.js';
import {
  createHll,
  ERR_INVALID_HLL,
  hllAdd,
  hllFromString,
  hllToString,
  invalidateCache,
  lookupHll,
  sparseMaxBytes,
  storeHll,
} from './hyperloglog-generic.js';

export const pfaddCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const cur = lookupHll(c, e, key, true);
  if (cur === null) return;
  const existed = cur !== undefined;
  const h = existed ? hllFromString(cur) : createHll();
  let updated = existed ? 0 : 1;
  const maxBytes = sparseMaxBytes(e);
  for (let j = 2; j < argv.length; j++) {
    const r = hllAdd(h, argv[j]!, maxBytes);
    if (r === 1) updated++;
    else if (r === -1) {
      // Redis edits the value in place: what the earlier elements changed stays.
      if (updated > 0) storeHll(c, key, hllToString(h), existed);
      e.replyError(c, ERR_INVALID_HLL);
      return;
    }
  }
  if (updated > 0) {
    invalidateCache(h);
    storeHll(c, key, hllToString(h), existed);
    keyChanged(c, e, key, '$', 'pfadd', updated);
  }
  c.reply.integer(updated ? 1 : 0);
};
