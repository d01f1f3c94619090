// XDEL key id [id ...]: tombstones; keeps length, first entry and max-deleted-entry-id as Redis does.
import type { CommandHandler } from '../types.js';
import type { StreamId } from '@redwing/store';
import { lookupStream, parseIdOrReply, streamChanged } from './stream-generic.js';

export const xdelCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const o = lookupStream(c, e, key, true);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const ids: StreamId[] = [];
  for (let j = 2; j < argv.length; j++) {
    const id = parseIdOrReply(c, e, argv[j]!, 0n, true);
    if (id === null) return;
    ids.push(id);
  }
  let deleted = 0;
  for (const id of ids) if (o.ptr.delete(id)) deleted++;
  if (deleted) streamChanged(c, e, key, 'xdel', deleted);
  c.reply.integer(deleted);
};
