// COMMAND GETKEYS command [arg ...]: the key arguments of a full command line, found through its key specs.
import type { CommandHandler } from '../types.js';
import { getKeysGeneric } from './command-generic.js';

export const commandGetkeysCommand: CommandHandler = (c, e) => getKeysGeneric(c, e, false);
