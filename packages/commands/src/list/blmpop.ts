// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: LMPOP that blocks while every list is empty.
import type { CommandHandler } from '../types.js';
import { lmpopGeneric } from './list-generic.js';

export const blmpopCommand: CommandHandler = (c, e) => lmpopGeneric(c, e, 2, true);
