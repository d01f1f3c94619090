// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pop from the first non-empty list; [key, [elements]].
import type { CommandHandler } from '../types.js';
import { lmpopGeneric } from './list-generic.js';

export const lmpopCommand: CommandHandler = (c, e) => lmpopGeneric(c, e, 1, false);
