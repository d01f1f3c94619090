// ZUNION numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
import type { CommandHandler } from '../types.js';
import { zunionInterDiffGeneric, OP_UNION } from './zset-generic.js';

export const zunionCommand: CommandHandler = (c, e) => {
  zunionInterDiffGeneric(c, e, null, 1, OP_UNION, false);
};
