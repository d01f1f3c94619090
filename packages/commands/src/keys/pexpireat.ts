// PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]
import type { CommandHandler } from '../types.js';
import { expireGeneric } from './keys-generic.js';

export const pexpireatCommand: CommandHandler = (c, e) => expireGeneric(c, e, false, false);
