// EVALSHA_RO sha1 numkeys [key ...] [arg ...]
import type { CommandHandler } from '../types.js';
import { evalGeneric } from './eval-generic.js';

export const evalshaRoCommand: CommandHandler = (c, e) => evalGeneric(c, e, true, true);
