// PFDEBUG GETREG|DECODE|ENCODING|TODENSE key: internals of an HLL value, as Redis's test suite uses them.
// GETREG and TODENSE convert a sparse value to dense (and store it).
import type { CommandHandler } from '../types.js';
import {
  decodeSparse,
  denseGet,
  ERR_INVALID_HLL,
  HLL_HDR_SIZE,
  HLL_REGISTERS,
  HLL_SPARSE,
  hllFromString,
  hllToString,
  lookupHll,
  sparseToDense,
  storeHll,
} from './hyperloglog-generic.js';

export const pfdebugCommand: CommandHandler = (c, e) => {
  const sub = c.argv[1]!;
  const key = c.argv[2]!;
  const s = lookupHll(c, e, key, true);
  if (s === null) return;
  if (s === undefined) {
    e.replyError(c, 'ERR The specified key does not exist');
    return;
  }
  const h = hllFromString(s);
  const sparse = h.b[4] === HLL_SPARSE;
  switch (sub.toLowerCase()) {
    case 'getreg': {
      if (sparse) {
        if (!sparseToDense(h)) {
          e.replyError(c, ERR_INVALID_HLL);
          return;
        }
        storeHll(c, key, hllToString(h), true);
        e.dirty++;
      }
      c.reply.arrayHeader(HLL_REGISTERS);
      for (let j = 0; j < HLL_REGISTERS; j++) c.reply.integer(denseGet(h.b, HLL_HDR_SIZE, j));
      return;
    }
    case 'decode':
      if (!sparse) {
        e.replyError(c, 'ERR HLL encoding is not sparse');
        return;
      }
      c.reply.bulk(decodeSparse(h));
      return;
    case 'encoding':
      c.reply.simple(sparse ? 'sparse' : 'dense');
      return;
    case 'todense':
      if (sparse) {
        if (!sparseToDense(h)) {
          e.replyError(c, ERR_INVALID_HLL);
          return;
        }
        storeHll(c, key, hllToString(h), true);
        e.dirty++;
      }
      c.reply.integer(sparse ? 1 : 0);
      return;
    default:
      e.replyError(c, `ERR Unknown PFDEBUG subcommand '${sub}'`);
  }
};
