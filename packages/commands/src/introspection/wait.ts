// WAIT numreplicas timeout: replication does not exist yet, so no replica can acknowledge anything: the answer
// is 0 at once (Redis would block until the timeout when numreplicas > 0; we reply immediately, honestly 0).
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';

export const waitCommand: CommandHandler = (c, e) => {
  if (parseInt64(c.argv[1]!) === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  const t = parseInt64(c.argv[2]!);
  if (t === null) {
    e.replyError(c, 'ERR timeout is not an integer or out of range');
    return;
  }
  if (t < 0n) {
    e.replyError(c, 'ERR timeout is negative');
    return;
  }
  c.reply.integer(0);
};
