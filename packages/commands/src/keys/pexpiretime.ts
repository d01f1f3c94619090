// PEXPIRETIME key: absolute unix time in milliseconds, -1 without TTL, -2 when missing.
import type { CommandHandler } from '../types.js';
import { ttlGeneric } from './keys-generic.js';

export const pexpiretimeCommand: CommandHandler = (c, e) => ttlGeneric(c, e, true, true);
