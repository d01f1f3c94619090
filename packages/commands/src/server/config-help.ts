// CONFIG HELP
import type { CommandHandler } from '../types.js';
import { replyHelp } from '../util/help.js';

const LINES = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
] as const;

export const configHelpCommand: CommandHandler = (c) => replyHelp(c, 'CONFIG', LINES);
