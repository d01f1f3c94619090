// PFMERGE destkey [sourcekey ...]: destkey becomes the union (register-wise max) of itself and the sources; dense
// when any input is dense, else sparse as long as it fits.
import type { CommandHandler } from '../types.js';
import { keyChanged } from '../util/lookup.js';
import {
  createHll,
  ERR_INVALID_HLL,
  HLL_DENSE,
  HLL_REGISTERS,
  hllFromString,
  hllView,
  hllMerge,
  hllSetRegisters,
  hllToString,
  invalidateCache,
  lookupHll,
  sparseMaxBytes,
  sparseToDense,
  storeHll,
} from './hyperloglog-generic.js';

export const pfmergeCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const max = new Uint8Array(HLL_REGISTERS);
  let useDense = false;
  for (let j = 1; j < argv.length; j++) {
    const s = lookupHll(c, e, argv[j]!);
    if (s === null) return;
    if (s === undefined) continue;
    const h = hllView(s);
    if (h.b[4] === HLL_DENSE) useDense = true;
    if (!hllMerge(max, h)) {
      e.replyError(c, ERR_INVALID_HLL);
      return;
    }
  }
  const key = argv[1]!;
  const o = c.db.lookupWrite(key);
  const existed = o !== undefined;
  const h = existed ? hllFromString(o.ptr as string) : createHll();
  if (useDense && !sparseToDense(h)) {
    if (!existed) storeHll(c, key, hllToString(h), false);
    e.replyError(c, ERR_INVALID_HLL);
    return;
  }
  hllSetRegisters(h, max, sparseMaxBytes(e));
  invalidateCache(h);
  storeHll(c, key, hllToString(h), existed);
  keyChanged(c, e, key, '$', 'pfadd');
  c.reply.simple('OK');
};
