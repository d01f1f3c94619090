// UNLINK key [key ...] (values are freed synchronously here: the JS heap has no lazy-free thread)
import type { CommandHandler } from '../types.js';
import { delGeneric } from './keys-generic.js';

export const unlinkCommand: CommandHandler = (c, e) => delGeneric(c, e);
