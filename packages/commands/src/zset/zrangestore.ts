// ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]
import type { CommandHandler } from '../types.js';
import { zrangeGeneric, DIR_AUTO, RANGE_AUTO } from './zset-generic.js';

export const zrangestoreCommand: CommandHandler = (c, e) => {
  zrangeGeneric(c, e, 2, c.argv[1]!, RANGE_AUTO, DIR_AUTO);
};
