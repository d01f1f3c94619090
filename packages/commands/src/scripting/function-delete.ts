// FUNCTION DELETE library-name
import type { CommandHandler } from '../types.js';

export const functionDeleteCommand: CommandHandler = (c, e) => {
  if (e.functions.remove(c.argv[2]!)) c.reply.simple('OK');
  else e.replyError(c, 'ERR Library not found');
};
