// BZPOPMAX key [key ...] timeout
import type { CommandHandler } from '../types.js';
import { blockingGenericZpop, ZSET_MAX } from './zset-generic.js';

export const bzpopmaxCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  blockingGenericZpop(c, e, argv.slice(1, -1), ZSET_MAX, argv[argv.length - 1]!, -1, false, false);
};
