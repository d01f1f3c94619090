// COMMAND GETKEYSANDFLAGS command [arg ...]: the key arguments of a full command line with their key-spec flags.
import type { CommandHandler } from '../types.js';
import { getKeysGeneric } from './command-generic.js';

export const commandGetkeysandflagsCommand: CommandHandler = (c, e) => getKeysGeneric(c, e, true);
