// COMMAND COUNT: the number of top-level commands.
import type { CommandHandler } from '../types.js';

export const commandCountCommand: CommandHandler = (c, e) => {
  c.reply.integer(e.table.commands.size);
};
