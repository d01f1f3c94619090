// FUNCTION FLUSH [ASYNC | SYNC]: deletes all function libraries. Until the scripting engine is wired in no
// library can exist, so flushing is complete by definition; FUNCTION LOAD and friends answer "unknown subcommand".
import type { CommandHandler } from '../types.js';

export const functionFlushCommand: CommandHandler = (c, e) => {
  if (c.argv.length > 3) {
    e.replyError(c, "ERR wrong number of arguments for 'function|flush' command");
    return;
  }
  if (c.argv.length === 3) {
    const mode = c.argv[2]!.toUpperCase();
    if (mode !== 'ASYNC' && mode !== 'SYNC') {
      e.replyError(c, 'ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
      return;
    }
  }
  c.reply.simple('OK');
};
