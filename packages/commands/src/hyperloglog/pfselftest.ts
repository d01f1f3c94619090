// PFSELFTEST: Redis's internal self test of the HLL registers and estimator (slow: ten million elements).
import type { CommandHandler } from '../types.js';
import { hllSelfTest, sparseMaxBytes } from './hyperloglog-generic.js';

export const pfselftestCommand: CommandHandler = (c, e) => {
  const err = hllSelfTest(sparseMaxBytes(e));
  if (err === null) c.reply.simple('OK');
  else e.replyError(c, err);
};
