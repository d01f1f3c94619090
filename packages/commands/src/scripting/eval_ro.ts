// EVAL_RO script numkeys [key ...] [arg ...]
import type { CommandHandler } from '../types.js';
import { evalGeneric } from './eval-generic.js';

export const evalRoCommand: CommandHandler = (c, e) => evalGeneric(c, e, false, true);
