// SETNX key value
import type { CommandHandler } from '../types.js';
import { SET_NX, setGeneric } from './string-generic.js';

export const setnxCommand: CommandHandler = (c, e) => {
  setGeneric(c, e, c.argv[1]!, c.argv[2]!, SET_NX, -1, 'int');
};
