// RENAMENX key newkey: 1 when renamed, 0 when newkey exists.
import type { CommandHandler } from '../types.js';
import { renameGeneric } from './keys-generic.js';

export const renamenxCommand: CommandHandler = (c, e) => renameGeneric(c, e, true);
