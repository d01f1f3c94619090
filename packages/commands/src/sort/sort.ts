// SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination]
import type { CommandHandler } from '../types.js';
import { sortGeneric } from './sort-generic.js';

export const sortCommand: CommandHandler = (c, e) => {
  sortGeneric(c, e, false);
};
