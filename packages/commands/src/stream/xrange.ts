// XRANGE key start end [COUNT count]
import type { CommandHandler } from '../types.js';
import { xrangeGeneric } from './xrange-generic.js';

export const xrangeCommand: CommandHandler = (c, e) => xrangeGeneric(c, e, false);
