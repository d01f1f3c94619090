// SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] (no STORE)
import type { CommandHandler } from '../types.js';
import { sortGeneric } from './sort-generic.js';

export const sortRoCommand: CommandHandler = (c, e) => {
  sortGeneric(c, e, true);
};
