// FCALL function numkeys [key ...] [arg ...]
import type { CommandHandler } from '../types.js';
import { fcallGeneric } from './fcall-generic.js';

export const fcallCommand: CommandHandler = (c, e) => fcallGeneric(c, e, false);
