// ZPOPMIN key [count]
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { genericZpop, parseRangeLongOrReply, ZSET_MIN } from './zset-generic.js';

export const zpopminCommand: CommandHandler = (c, e) => {
  if (c.argv.length > 3) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  let count = -1;
  if (c.argv.length === 3) {
    const v = parseRangeLongOrReply(c, e, c.argv[2]!, 0, Err.OUT_OF_RANGE_POSITIVE);
    if (v === null) return;
    count = v;
  }
  genericZpop(c, e, [c.argv[1]!], ZSET_MIN, false, count, c.resp === 3 && count !== -1, false);
};
