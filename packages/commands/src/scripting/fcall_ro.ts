// FCALL_RO function numkeys [key ...] [arg ...]
import type { CommandHandler } from '../types.js';
import { fcallGeneric } from './fcall-generic.js';

export const fcallRoCommand: CommandHandler = (c, e) => fcallGeneric(c, e, true);
