// CLIENT REPLY ON | OFF | SKIP: sets CF.REPLY_OFF / CF.REPLY_SKIP_NEXT; the network layer drops replies.
import { CF, type Client } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';

export const clientReplyCommand: CommandHandler = (c, e) => {
  const m = c.argv[2]!.toLowerCase();
  if (m === 'on') {
    const silenced = c.flags & (CF.REPLY_OFF | CF.REPLY_SKIP);
    c.flags &= ~(CF.REPLY_SKIP | CF.REPLY_OFF | CF.REPLY_SKIP_NEXT);
    c.reply.simple('OK');
    if (silenced) pushOutNow(c);
  } else if (m === 'off') c.flags |= CF.REPLY_OFF;
  else if (m === 'skip') {
    if ((c.flags & CF.REPLY_OFF) === 0) c.flags |= CF.REPLY_SKIP_NEXT;
  } else e.replyError(c, Err.SYNTAX);
};

/**
 * Redis sends ON's OK because the flags are already clear when it is written, but apps/server's NetClient decides
 * to drop a command's reply from the flags it saw before the command ran. Until it decides after the command,
 * hand the OK to the connection now (its `flush`, when the host has one), so the reset that follows drops nothing.
 */
function pushOutNow(c: Client): void {
  const host: unknown = c.host;
  if (typeof host !== 'object' || host === null) return;
  const flush: unknown = (host as { flush?: unknown }).flush;
  if (typeof flush === 'function') (flush as (this: unknown) => void).call(host);
}
