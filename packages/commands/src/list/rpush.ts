// RPUSH key element [element ...]: append, creating the list; replies the new length.
import type { CommandHandler } from '../types.js';
import { pushGeneric, TAIL } from './list-generic.js';

export const rpushCommand: CommandHandler = (c, e) => pushGeneric(c, e, TAIL, false);
