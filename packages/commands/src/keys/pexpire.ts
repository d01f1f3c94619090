// PEXPIRE key milliseconds [NX | XX | GT | LT]
import type { CommandHandler } from '../types.js';
import { expireGeneric } from './keys-generic.js';

export const pexpireCommand: CommandHandler = (c, e) => expireGeneric(c, e, true, false);
