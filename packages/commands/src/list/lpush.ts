// LPUSH key element [element ...]: prepend, creating the list; replies the new length.
import type { CommandHandler } from '../types.js';
import { HEAD, pushGeneric } from './list-generic.js';

export const lpushCommand: CommandHandler = (c, e) => pushGeneric(c, e, HEAD, false);
