// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout: LMOVE that blocks while the source is empty.
import type { CommandHandler } from '../types.js';
import { parseBlockTimeout } from '../util/block-timeout.js';
import { blmoveGeneric, parseWhere } from './list-generic.js';

export const blmoveCommand: CommandHandler = (c, e) => {
  const from = parseWhere(c, e, c.argv[3]!);
  if (from === null) return;
  const to = parseWhere(c, e, c.argv[4]!);
  if (to === null) return;
  const deadline = parseBlockTimeout(c, e, c.argv[5]!);
  if (deadline === null) return;
  blmoveGeneric(c, e, from, to, deadline);
};
