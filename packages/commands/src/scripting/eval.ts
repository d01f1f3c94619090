// EVAL script numkeys [key ...] [arg ...]
import type { CommandHandler } from '../types.js';
import { evalGeneric } from './eval-generic.js';

export const evalCommand: CommandHandler = (c, e) => evalGeneric(c, e, false, false);
