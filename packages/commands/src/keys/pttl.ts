// PTTL key: milliseconds left, -1 without TTL, -2 when missing.
import type { CommandHandler } from '../types.js';
import { ttlGeneric } from './keys-generic.js';

export const pttlCommand: CommandHandler = (c, e) => ttlGeneric(c, e, true, false);
