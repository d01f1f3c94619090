// GETSET key value (SET key value GET)
import type { CommandHandler } from '../types.js';
import { SET_GET, setGeneric } from './string-generic.js';

export const getsetCommand: CommandHandler = (c, e) => {
  setGeneric(c, e, c.argv[1]!, c.argv[2]!, SET_GET, -1);
};
