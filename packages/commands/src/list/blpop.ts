// BLPOP key [key ...] timeout: LPOP from the first non-empty list, else block until one gets data or timeout.
import type { CommandHandler } from '../types.js';
import { blockingPopGeneric, HEAD } from './list-generic.js';

export const blpopCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  blockingPopGeneric(c, e, argv.slice(1, -1), HEAD, argv[argv.length - 1]!, -1);
};
