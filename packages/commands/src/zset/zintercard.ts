// ZINTERCARD numkeys key [key ...] [LIMIT limit]
import type { CommandHandler } from '../types.js';
import { zunionInterDiffGeneric, OP_INTER } from './zset-generic.js';

export const zintercardCommand: CommandHandler = (c, e) => {
  zunionInterDiffGeneric(c, e, null, 1, OP_INTER, true);
};
