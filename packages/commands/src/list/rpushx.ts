// RPUSHX key element [element ...]: append only when the list exists; replies the new length (0 if missing).
import type { CommandHandler } from '../types.js';
import { pushGeneric, TAIL } from './list-generic.js';

export const rpushxCommand: CommandHandler = (c, e) => pushGeneric(c, e, TAIL, true);
