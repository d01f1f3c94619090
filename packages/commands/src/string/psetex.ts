// PSETEX key milliseconds value
import type { CommandHandler } from '../types.js';
import { parseExpireArg } from '../util/expire.js';
import { setGeneric } from './string-generic.js';

export const psetexCommand: CommandHandler = (c, e) => {
  const at = parseExpireArg(c, e, c.argv[2]!, 'PX');
  if (at !== null) setGeneric(c, e, c.argv[1]!, c.argv[3]!, 0, at);
};
