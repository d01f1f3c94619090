// XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD entries-read]
import type { CommandHandler } from '../types.js';
import { createStreamKey, parseIdOrReply, streamChanged, subcommandSyntaxError } from './stream-generic.js';
import { xgroupPrelude } from './xgroup-generic.js';

export const xgroupCreateCommand: CommandHandler = (c, e) => {
  const x = xgroupPrelude(c, e, 'create');
  if (x === null) return;
  if (c.argv.length > 8) {
    e.replyError(c, subcommandSyntaxError(c));
    return;
  }
  const idArg = c.argv[4]!;
  let id: bigint;
  if (idArg === '$') id = x.o === undefined ? 0n : x.o.ptr.lastId;
  else {
    const p = parseIdOrReply(c, e, idArg, 0n, true);
    if (p === null) return;
    id = p;
  }
  let o = x.o;
  if (o === undefined) {
    o = createStreamKey(c, x.key);
    c.db.signalModified(x.key);
  }
  if (o.ptr.createGroup(x.groupName, id, x.entriesRead) === undefined) {
    e.replyError(c, 'BUSYGROUP Consumer Group name already exists');
    return;
  }
  c.reply.simple('OK');
  streamChanged(c, e, x.key, 'xgroup-create');
};
