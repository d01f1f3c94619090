// ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
import type { CommandHandler } from '../types.js';
import { zrangeGeneric, DIR_AUTO, RANGE_AUTO } from './zset-generic.js';

export const zrangeCommand: CommandHandler = (c, e) => {
  zrangeGeneric(c, e, 1, null, RANGE_AUTO, DIR_AUTO);
};
