// LPOP key [count]: remove and return the first element(s); the key is deleted when emptied.
import type { CommandHandler } from '../types.js';
import { HEAD, popGeneric } from './list-generic.js';

export const lpopCommand: CommandHandler = (c, e) => popGeneric(c, e, HEAD);
