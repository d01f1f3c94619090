// BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]
import type { CommandHandler } from '../types.js';
import { zmpopGeneric } from './zset-generic.js';

export const bzmpopCommand: CommandHandler = (c, e) => {
  zmpopGeneric(c, e, 2, true);
};
