// ZRANGEBYLEX key min max [LIMIT offset count]
import type { CommandHandler } from '../types.js';
import { zrangeGeneric, DIR_FORWARD, RANGE_LEX } from './zset-generic.js';

export const zrangebylexCommand: CommandHandler = (c, e) => {
  zrangeGeneric(c, e, 1, null, RANGE_LEX, DIR_FORWARD);
};
