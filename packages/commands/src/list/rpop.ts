// RPOP key [count]: remove and return the last element(s); the key is deleted when emptied.
import type { CommandHandler } from '../types.js';
import { popGeneric, TAIL } from './list-generic.js';

export const rpopCommand: CommandHandler = (c, e) => popGeneric(c, e, TAIL);
