// OBJECT HELP
import type { CommandHandler } from '../types.js';
import { replyHelp } from '../util/help.js';

const LINES = [
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
] as const;

export const objectHelpCommand: CommandHandler = (c) => replyHelp(c, 'OBJECT', LINES);
