// HMSET key field value [field value ...] (deprecated form of HSET): replies OK.
import type { CommandHandler } from '../types.js';
import { hsetGeneric } from './hash-generic.js';

export const hmsetCommand: CommandHandler = (c, e) => hsetGeneric(c, e, true);
