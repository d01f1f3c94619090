// XINFO GROUPS key: name, consumers, pending, last-delivered-id, entries-read, lag per group (Redis 7.0 shape).
import type { CommandHandler } from '../types.js';
import { ENTRIES_READ_INVALID } from '@redwing/store';
import { replyId } from './stream-generic.js';
import { xinfoLookup } from './xinfo-generic.js';

export const xinfoGroupsCommand: CommandHandler = (c, e) => {
  const o = xinfoLookup(c, e);
  if (o === null) return;
  const s = o.ptr;
  const groups = s.sortedGroups();
  c.reply.arrayHeader(groups.length);
  for (const g of groups) {
    c.reply.mapHeader(6);
    c.reply.bulk('name');
    c.reply.bulk(g.name);
    c.reply.bulk('consumers');
    c.reply.integer(g.consumers.size);
    c.reply.bulk('pending');
    c.reply.integer(g.pel.size);
    c.reply.bulk('last-delivered-id');
    replyId(c, g.lastId);
    c.reply.bulk('entries-read');
    if (g.entriesRead !== ENTRIES_READ_INVALID) c.reply.integer(g.entriesRead);
    else c.reply.null();
    c.reply.bulk('lag');
    const lag = s.groupLag(g);
    if (lag === null) c.reply.null();
    else c.reply.integer(lag);
  }
};
