// INCR key
import type { CommandHandler } from '../types.js';
import { incrDecr } from './string-generic.js';

export const incrCommand: CommandHandler = (c, e) => incrDecr(c, e, c.argv[1]!, 1);
