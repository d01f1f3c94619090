// SCRIPT FLUSH [ASYNC | SYNC]
import type { CommandHandler } from '../types.js';

export const scriptFlushCommand: CommandHandler = (c, e) => {
  if (c.argv.length > 3) {
    e.replyError(c, 'ERR SCRIPT FLUSH only support SYNC|ASYNC option');
    return;
  }
  if (c.argv.length === 3) {
    const mode = c.argv[2]!.toUpperCase();
    if (mode !== 'SYNC' && mode !== 'ASYNC') {
      e.replyError(c, 'ERR SCRIPT FLUSH only support SYNC|ASYNC option');
      return;
    }
  }
  e.scripting.flush();
  c.reply.simple('OK');
};
