// BZPOPMIN key [key ...] timeout
import type { CommandHandler } from '../types.js';
import { blockingGenericZpop, ZSET_MIN } from './zset-generic.js';

export const bzpopminCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  blockingGenericZpop(c, e, argv.slice(1, -1), ZSET_MIN, argv[argv.length - 1]!, -1, false, false);
};
