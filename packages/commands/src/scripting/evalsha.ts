// EVALSHA sha1 numkeys [key ...] [arg ...]
import type { CommandHandler } from '../types.js';
import { evalGeneric } from './eval-generic.js';

export const evalshaCommand: CommandHandler = (c, e) => evalGeneric(c, e, true, false);
