// ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
import type { CommandHandler } from '../types.js';
import { zrangeGeneric, DIR_REVERSE, RANGE_SCORE } from './zset-generic.js';

export const zrevrangebyscoreCommand: CommandHandler = (c, e) => {
  zrangeGeneric(c, e, 1, null, RANGE_SCORE, DIR_REVERSE);
};
