// BGREWRITEAOF: refused with an honest error until AOF persistence exists.
import type { CommandHandler } from '../types.js';
import { NO_PERSISTENCE } from './persistence-generic.js';

export const bgrewriteaofCommand: CommandHandler = (c, e) => e.replyError(c, NO_PERSISTENCE);
