// DECRBY key decrement
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { INT64_MIN, parseInt64 } from '../util/number.js';
import { incrDecr } from './string-generic.js';

export const decrbyCommand: CommandHandler = (c, e) => {
  const by = parseInt64(c.argv[2]!);
  if (by === null) e.replyError(c, Err.NOT_INTEGER);
  else if (by === INT64_MIN) e.replyError(c, 'ERR decrement would overflow');
  else incrDecr(c, e, c.argv[1]!, -by);
};
