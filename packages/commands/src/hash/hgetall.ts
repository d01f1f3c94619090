// HGETALL key: every field and value (a RESP3 map).
import type { CommandHandler } from '../types.js';
import { getallGeneric, HGETALL_KEYS, HGETALL_VALUES } from './hash-generic.js';

export const hgetallCommand: CommandHandler = (c, e) => getallGeneric(c, e, HGETALL_KEYS | HGETALL_VALUES);
