// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]
import type { CommandHandler } from '../types.js';
import { zaddGeneric } from './zset-generic.js';

export const zaddCommand: CommandHandler = (c, e) => {
  zaddGeneric(c, e, false);
};
