// DISCARD
import { CF } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { discardTransaction } from './multi-generic.js';

export const discardCommand: CommandHandler = (c, e) => {
  if (!(c.flags & CF.MULTI)) {
    e.replyError(c, Err.DISCARD_WITHOUT_MULTI);
    return;
  }
  discardTransaction(c, e);
  c.reply.simple('OK');
};
