// MULTI: start queueing commands (the gate in engine.ts queues everything but EXEC/DISCARD/MULTI/WATCH/QUIT/RESET).
import { CF } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';

export const multiCommand: CommandHandler = (c, e) => {
  if (c.flags & CF.MULTI) {
    e.replyError(c, Err.MULTI_NESTED);
    return;
  }
  c.flags |= CF.MULTI;
  c.multiQueue = [];
  c.reply.simple('OK');
};
