// BRPOPLPUSH source destination timeout: RPOPLPUSH that blocks while the source is empty.
import type { CommandHandler } from '../types.js';
import { parseBlockTimeout } from '../util/block-timeout.js';
import { blmoveGeneric, HEAD, TAIL } from './list-generic.js';

export const brpoplpushCommand: CommandHandler = (c, e) => {
  const deadline = parseBlockTimeout(c, e, c.argv[3]!);
  if (deadline === null) return;
  blmoveGeneric(c, e, TAIL, HEAD, deadline);
};
