// MEMORY HELP
import type { CommandHandler } from '../types.js';
import { replyHelp } from '../util/help.js';

const LINES = [
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
] as const;

export const memoryHelpCommand: CommandHandler = (c) => replyHelp(c, 'MEMORY', LINES);
