// BRPOP key [key ...] timeout: RPOP from the first non-empty list, else block until one gets data or timeout.
import type { CommandHandler } from '../types.js';
import { blockingPopGeneric, TAIL } from './list-generic.js';

export const brpopCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  blockingPopGeneric(c, e, argv.slice(1, -1), TAIL, argv[argv.length - 1]!, -1);
};
