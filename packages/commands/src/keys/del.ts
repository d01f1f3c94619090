// DEL key [key ...]
import type { CommandHandler } from '../types.js';
import { delGeneric } from './keys-generic.js';

export const delCommand: CommandHandler = (c, e) => delGeneric(c, e);
