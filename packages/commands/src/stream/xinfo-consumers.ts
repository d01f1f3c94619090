// XINFO CONSUMERS key group: name, pending, idle per consumer (Redis 7.0 shape).
import type { CommandHandler } from '../types.js';
import { sanitize } from '../errors.js';
import { xinfoLookup } from './xinfo-generic.js';

export const xinfoConsumersCommand: CommandHandler = (c, e) => {
  const o = xinfoLookup(c, e);
  if (o === null) return;
  const g = o.ptr.getGroup(c.argv[3]!);
  if (g === undefined) {
    e.replyError(c, sanitize(`NOGROUP No such consumer group '${c.argv[3]!}' for key name '${c.argv[2]!}'`));
    return;
  }
  const list = g.sortedConsumers();
  const now = Date.now();
  c.reply.arrayHeader(list.length);
  for (const x of list) {
    c.reply.mapHeader(3);
    c.reply.bulk('name');
    c.reply.bulk(x.name);
    c.reply.bulk('pending');
    c.reply.integer(x.pel.size);
    c.reply.bulk('idle');
    c.reply.integer(Math.max(0, now - x.seenTime));
  }
};
