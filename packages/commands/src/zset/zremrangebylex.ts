// ZREMRANGEBYLEX key min max
import type { CommandHandler } from '../types.js';
import { zremrangeGeneric } from './zset-generic.js';

export const zremrangebylexCommand: CommandHandler = (c, e) => {
  zremrangeGeneric(c, e, 'lex');
};
