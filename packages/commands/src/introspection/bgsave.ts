// BGSAVE [SCHEDULE]: option checked as Redis does, then refused with an honest error until RDB persistence exists.
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { NO_PERSISTENCE } from './persistence-generic.js';

export const bgsaveCommand: CommandHandler = (c, e) => {
  if (c.argv.length > 1 && (c.argv.length !== 2 || c.argv[1]!.toLowerCase() !== 'schedule')) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  e.replyError(c, NO_PERSISTENCE);
};
