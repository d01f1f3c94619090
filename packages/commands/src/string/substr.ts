// SUBSTR key start end (the old name of GETRANGE)
import type { CommandHandler } from '../types.js';
import { getrangeGeneric } from './getrange.js';

export const substrCommand: CommandHandler = getrangeGeneric;
