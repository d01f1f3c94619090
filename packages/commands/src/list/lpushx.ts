// LPUSHX key element [element ...]: prepend only when the list exists; replies the new length (0 if missing).
import type { CommandHandler } from '../types.js';
import { HEAD, pushGeneric } from './list-generic.js';

export const lpushxCommand: CommandHandler = (c, e) => pushGeneric(c, e, HEAD, true);
