// ZINTER numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
import type { CommandHandler } from '../types.js';
import { zunionInterDiffGeneric, OP_INTER } from './zset-generic.js';

export const zinterCommand: CommandHandler = (c, e) => {
  zunionInterDiffGeneric(c, e, null, 1, OP_INTER, false);
};
