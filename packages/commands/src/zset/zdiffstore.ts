// ZDIFFSTORE dst numkeys key [key ...]
import type { CommandHandler } from '../types.js';
import { zunionInterDiffGeneric, OP_DIFF } from './zset-generic.js';

export const zdiffstoreCommand: CommandHandler = (c, e) => {
  zunionInterDiffGeneric(c, e, c.argv[1]!, 2, OP_DIFF, false);
};
