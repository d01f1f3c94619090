// MEMORY PURGE: nothing to purge without jemalloc; Redis replies OK in that case too.
import type { CommandHandler } from '../types.js';

export const memoryPurgeCommand: CommandHandler = (c) => {
  c.reply.simple('OK');
};
