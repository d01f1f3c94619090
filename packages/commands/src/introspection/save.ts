// SAVE: refused with an honest error until RDB persistence exists.
import type { CommandHandler } from '../types.js';
import { NO_PERSISTENCE } from './persistence-generic.js';

export const saveCommand: CommandHandler = (c, e) => e.replyError(c, NO_PERSISTENCE);
