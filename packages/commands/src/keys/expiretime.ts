// EXPIRETIME key: absolute unix time in seconds, -1 without TTL, -2 when missing.
import type { CommandHandler } from '../types.js';
import { ttlGeneric } from './keys-generic.js';

export const expiretimeCommand: CommandHandler = (c, e) => ttlGeneric(c, e, false, true);
