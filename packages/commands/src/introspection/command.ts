// COMMAND (no subcommand): COMMAND INFO of every top-level command.
import type { CommandHandler } from '../types.js';
import { replyCommandInfo } from './command-generic.js';

export const commandCommand: CommandHandler = (c, e) => {
  c.reply.arrayHeader(e.table.commands.size);
  for (const cmd of e.table.commands.values()) replyCommandInfo(c, cmd);
};
