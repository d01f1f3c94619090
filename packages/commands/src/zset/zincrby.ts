// ZINCRBY key increment member (ZADD's INCR path)
import type { CommandHandler } from '../types.js';
import { zaddGeneric } from './zset-generic.js';

export const zincrbyCommand: CommandHandler = (c, e) => {
  zaddGeneric(c, e, true);
};
