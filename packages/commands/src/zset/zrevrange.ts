// ZREVRANGE key start stop [WITHSCORES]
import type { CommandHandler } from '../types.js';
import { zrangeGeneric, DIR_REVERSE, RANGE_RANK } from './zset-generic.js';

export const zrevrangeCommand: CommandHandler = (c, e) => {
  zrangeGeneric(c, e, 1, null, RANGE_RANK, DIR_REVERSE);
};
