// ZREMRANGEBYRANK key start stop
import type { CommandHandler } from '../types.js';
import { zremrangeGeneric } from './zset-generic.js';

export const zremrangebyrankCommand: CommandHandler = (c, e) => {
  zremrangeGeneric(c, e, 'rank');
};
