// EXPIREAT key unix-time-seconds [NX | XX | GT | LT]
import type { CommandHandler } from '../types.js';
import { expireGeneric } from './keys-generic.js';

export const expireatCommand: CommandHandler = (c, e) => expireGeneric(c, e, false, true);
