// EXPIRE key seconds [NX | XX | GT | LT]
import type { CommandHandler } from '../types.js';
import { expireGeneric } from './keys-generic.js';

export const expireCommand: CommandHandler = (c, e) => expireGeneric(c, e, true, true);
