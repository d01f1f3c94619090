// INCRBY key increment
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';
import { incrDecr } from './string-generic.js';

export const incrbyCommand: CommandHandler = (c, e) => {
  const by = parseInt64(c.argv[2]!);
  if (by === null) e.replyError(c, Err.NOT_INTEGER);
  else incrDecr(c, e, c.argv[1]!, by);
};
