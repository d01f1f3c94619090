// ZUNIONSTORE dst numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX]
import type { CommandHandler } from '../types.js';
import { zunionInterDiffGeneric, OP_UNION } from './zset-generic.js';

export const zunionstoreCommand: CommandHandler = (c, e) => {
  zunionInterDiffGeneric(c, e, c.argv[1]!, 2, OP_UNION, false);
};
