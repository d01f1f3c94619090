// CLIENT ID
import type { CommandHandler } from '../types.js';

export const clientIdCommand: CommandHandler = (c) => {
  c.reply.integer(c.id);
};
