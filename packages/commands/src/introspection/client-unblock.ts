// CLIENT UNBLOCK client-id [TIMEOUT | ERROR]: 1 if a client blocked on keys was unblocked, else 0.
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';

export const clientUnblockCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let how: 'timeout' | 'error' = 'timeout';
  if (argv.length === 4) {
    const r = argv[3]!.toLowerCase();
    if (r === 'timeout') how = 'timeout';
    else if (r === 'error') how = 'error';
    else {
      e.replyError(c, 'ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
      return;
    }
  }
  const id = parseInt64(argv[2]!);
  if (id === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  const target = e.clients.get(Number(id));
  if (target && e.blocking.isBlocked(target) && e.blocking.unblock(target, how)) {
    target.host?.wantsFlush?.(target);
    c.reply.integer(1);
  } else c.reply.integer(0);
};
