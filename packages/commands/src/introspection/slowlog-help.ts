// SLOWLOG HELP
import type { CommandHandler } from '../types.js';
import { replyHelp } from '../util/help.js';

const LINES = [
  'GET [<count>]',
  '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
  '    Entries are made of:',
  '    id, timestamp, time in microseconds, arguments array, client IP and port,',
  '    client name',
  'LEN',
  '    Return the length of the slowlog.',
  'RESET',
  '    Reset the slowlog.',
] as const;

export const slowlogHelpCommand: CommandHandler = (c) => replyHelp(c, 'SLOWLOG', LINES);
