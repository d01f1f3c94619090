// SETEX key seconds value
import type { CommandHandler } from '../types.js';
import { parseExpireArg } from '../util/expire.js';
import { setGeneric } from './string-generic.js';

export const setexCommand: CommandHandler = (c, e) => {
  const at = parseExpireArg(c, e, c.argv[2]!, 'EX');
  if (at !== null) setGeneric(c, e, c.argv[1]!, c.argv[3]!, 0, at);
};
