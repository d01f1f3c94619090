// XREVRANGE key end start [COUNT count]
import type { CommandHandler } from '../types.js';
import { xrangeGeneric } from './xrange-generic.js';

export const xrevrangeCommand: CommandHandler = (c, e) => xrangeGeneric(c, e, true);
