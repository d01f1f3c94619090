// MEMORY MALLOC-STATS: no jemalloc here; Redis's answer for other allocators.
import type { CommandHandler } from '../types.js';

export const memoryMallocStatsCommand: CommandHandler = (c) => {
  c.reply.bulk('Stats not supported for the current allocator');
};
