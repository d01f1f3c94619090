// LMOVE source destination LEFT|RIGHT LEFT|RIGHT: atomically pop from one list and push to another.
import type { CommandHandler } from '../types.js';
import { lmoveGeneric, parseWhere } from './list-generic.js';

export const lmoveCommand: CommandHandler = (c, e) => {
  const from = parseWhere(c, e, c.argv[3]!);
  if (from === null) return;
  const to = parseWhere(c, e, c.argv[4]!);
  if (to === null) return;
  lmoveGeneric(c, e, c.argv[1]!, c.argv[2]!, from, to);
};
