// COMMAND INFO [command-name ...]: one entry per name (null for unknown names); all commands without names.
import type { CommandHandler } from '../types.js';
import { replyCommandInfo } from './command-generic.js';

export const commandInfoCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  if (argv.length === 2) {
    c.reply.arrayHeader(e.table.commands.size);
    for (const cmd of e.table.commands.values()) replyCommandInfo(c, cmd);
    return;
  }
  c.reply.arrayHeader(argv.length - 2);
  for (let i = 2; i < argv.length; i++) replyCommandInfo(c, e.table.byFullName(argv[i]!));
};
