// RENAME key newkey
import type { CommandHandler } from '../types.js';
import { renameGeneric } from './keys-generic.js';

export const renameCommand: CommandHandler = (c, e) => renameGeneric(c, e, false);
