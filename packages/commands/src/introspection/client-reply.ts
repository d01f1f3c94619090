// CLIENT REPLY ON | OFF | SKIP: sets CF.REPLY_OFF / CF.REPLY_SKIP_NEXT. The network layer drops a command's reply
// when the flags after the command say so (so ON's OK is sent and OFF's is not, as in Redis).
import { CF } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';

export const clientReplyCommand: CommandHandler = (c, e) => {
  const m = c.argv[2]!.toLowerCase();
  if (m === 'on') {
    c.flags &= ~(CF.REPLY_SKIP | CF.REPLY_OFF | CF.REPLY_SKIP_NEXT);
    c.reply.simple('OK');
  } else if (m === 'off') c.flags |= CF.REPLY_OFF;
  else if (m === 'skip') {
    if ((c.flags & CF.REPLY_OFF) === 0) c.flags |= CF.REPLY_SKIP_NEXT;
  } else e.replyError(c, Err.SYNTAX);
};
