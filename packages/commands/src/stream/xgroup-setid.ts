// XGROUP SETID key group id|$ [ENTRIESREAD entries-read]
import type { CommandHandler } from '../types.js';
import { parseIdOrReply, streamChanged, subcommandSyntaxError } from './stream-generic.js';
import { xgroupPrelude } from './xgroup-generic.js';

export const xgroupSetidCommand: CommandHandler = (c, e) => {
  const x = xgroupPrelude(c, e, 'setid');
  if (x === null) return;
  if (c.argv.length !== 5 && c.argv.length !== 7) {
    e.replyError(c, subcommandSyntaxError(c));
    return;
  }
  const s = x.o!.ptr;
  const idArg = c.argv[4]!;
  let id: bigint;
  if (idArg === '$') id = s.lastId;
  else {
    const p = parseIdOrReply(c, e, idArg, 0n, false);
    if (p === null) return;
    id = p;
  }
  const g = x.group!;
  g.lastId = id;
  g.entriesRead = x.entriesRead;
  c.reply.simple('OK');
  streamChanged(c, e, x.key, 'xgroup-setid');
};
