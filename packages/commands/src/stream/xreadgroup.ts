// XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]
import type { CommandHandler } from '../types.js';
import { xreadGeneric } from './stream-generic.js';

export const xreadgroupCommand: CommandHandler = (c, e) => xreadGeneric(c, e, true);
