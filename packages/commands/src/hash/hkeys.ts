// HKEYS key: every field.
import type { CommandHandler } from '../types.js';
import { getallGeneric, HGETALL_KEYS } from './hash-generic.js';

export const hkeysCommand: CommandHandler = (c, e) => getallGeneric(c, e, HGETALL_KEYS);
