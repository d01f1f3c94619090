// HSET key field value [field value ...]: set fields, creating the hash; replies how many were new.
import type { CommandHandler } from '../types.js';
import { hsetGeneric } from './hash-generic.js';

export const hsetCommand: CommandHandler = (c, e) => hsetGeneric(c, e, false);
