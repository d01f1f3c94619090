// ZDIFF numkeys key [key ...] [WITHSCORES]
import type { CommandHandler } from '../types.js';
import { zunionInterDiffGeneric, OP_DIFF } from './zset-generic.js';

export const zdiffCommand: CommandHandler = (c, e) => {
  zunionInterDiffGeneric(c, e, null, 1, OP_DIFF, false);
};
