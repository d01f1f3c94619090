// FUNCTION FLUSH [ASYNC | SYNC]: delete every library.
import type { CommandHandler } from '../types.js';

export const functionFlushCommand: CommandHandler = (c, e) => {
  if (c.argv.length > 3) {
    e.replyError(c, `ERR unknown subcommand or wrong number of arguments for '${c.argv[1]!.slice(0, 128)}'. Try ${c.argv[0]!.toUpperCase()} HELP.`);
    return;
  }
  if (c.argv.length === 3) {
    const mode = c.argv[2]!.toUpperCase();
    if (mode !== 'ASYNC' && mode !== 'SYNC') {
      e.replyError(c, 'ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
      return;
    }
  }
  e.functions.flush();
  c.reply.simple('OK');
};
