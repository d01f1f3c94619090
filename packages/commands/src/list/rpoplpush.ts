// RPOPLPUSH source destination: LMOVE source destination RIGHT LEFT.
import type { CommandHandler } from '../types.js';
import { HEAD, lmoveGeneric, TAIL } from './list-generic.js';

export const rpoplpushCommand: CommandHandler = (c, e) => lmoveGeneric(c, e, c.argv[1]!, c.argv[2]!, TAIL, HEAD);
