// XACK key group id [id ...]
import type { CommandHandler } from '../types.js';
import type { StreamId } from '@redwing/store';
import { lookupStream, parseIdOrReply } from './stream-generic.js';

export const xackCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const o = lookupStream(c, e, key, true);
  if (o === null) return;
  const g = o?.ptr.getGroup(argv[2]!);
  if (o === undefined || g === undefined) {
    c.reply.integer(0);
    return;
  }
  const ids: StreamId[] = [];
  for (let j = 3; j < argv.length; j++) {
    const id = parseIdOrReply(c, e, argv[j]!, 0n, true);
    if (id === null) return;
    ids.push(id);
  }
  let acked = 0;
  for (const id of ids) if (g.ack(id)) acked++;
  if (acked) {
    c.db.signalModified(key);
    e.dirty += acked;
  }
  c.reply.integer(acked);
};
