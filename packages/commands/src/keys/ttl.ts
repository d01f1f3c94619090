// TTL key: seconds left (rounded), -1 without TTL, -2 when missing.
import type { CommandHandler } from '../types.js';
import { ttlGeneric } from './keys-generic.js';

export const ttlCommand: CommandHandler = (c, e) => ttlGeneric(c, e, false, false);
