// QUIT: reply OK, then the connection closes once the reply is written.
import { CF } from '../client.js';
import type { CommandHandler } from '../types.js';

export const quitCommand: CommandHandler = (c) => {
  c.reply.simple('OK');
  c.flags |= CF.CLOSE_AFTER_REPLY;
};
