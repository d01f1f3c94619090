// XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]
import type { CommandHandler } from '../types.js';
import { xreadGeneric } from './stream-generic.js';

export const xreadCommand: CommandHandler = (c, e) => xreadGeneric(c, e, false);
