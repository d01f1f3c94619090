// SINTERCARD numkeys key [key ...] [LIMIT limit]: the intersection's size, stopping at limit (0 = none).
import type { RObject, SetValue } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseIntNum } from '../util/number.js';
import { interMembers, lookupSets } from './set-generic.js';

export const sintercardCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const numkeys = parseIntNum(argv[1]!);
  if (numkeys === null || numkeys < 1) {
    e.replyError(c, 'ERR numkeys should be greater than 0');
    return;
  }
  if (numkeys > argv.length - 2) {
    e.replyError(c, "ERR Number of keys can't be greater than number of args");
    return;
  }
  let limit = 0;
  for (let j = 2 + numkeys; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (argv[j]!.toLowerCase() === 'limit' && more > 0) {
      j++;
      const n = parseIntNum(argv[j]!);
      if (n === null || n < 0) {
        e.replyError(c, "ERR LIMIT can't be negative");
        return;
      }
      limit = n;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const sets = lookupSets(c, e, argv.slice(2, 2 + numkeys));
  if (sets === null) return;
  if (sets.includes(undefined)) {
    c.reply.integer(0);
    return;
  }
  c.reply.integer(interMembers(sets as RObject<SetValue>[], limit).length);
};
