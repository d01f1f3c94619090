// ZREVRANGEBYLEX key max min [LIMIT offset count]
import type { CommandHandler } from '../types.js';
import { zrangeGeneric, DIR_REVERSE, RANGE_LEX } from './zset-generic.js';

export const zrevrangebylexCommand: CommandHandler = (c, e) => {
  zrangeGeneric(c, e, 1, null, RANGE_LEX, DIR_REVERSE);
};
