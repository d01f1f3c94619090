// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
import type { CommandHandler } from '../types.js';
import { zrangeGeneric, DIR_FORWARD, RANGE_SCORE } from './zset-generic.js';

export const zrangebyscoreCommand: CommandHandler = (c, e) => {
  zrangeGeneric(c, e, 1, null, RANGE_SCORE, DIR_FORWARD);
};
