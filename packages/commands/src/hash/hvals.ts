// HVALS key: every value.
import type { CommandHandler } from '../types.js';
import { getallGeneric, HGETALL_VALUES } from './hash-generic.js';

export const hvalsCommand: CommandHandler = (c, e) => getallGeneric(c, e, HGETALL_VALUES);
