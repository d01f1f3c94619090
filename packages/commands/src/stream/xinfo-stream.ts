// XINFO STREAM key [FULL [COUNT count]]: the Redis 7.0 map (radix-tree-nodes is an estimate: our nodes are not
// a radix tree; radix-tree-keys is the node count, as in Redis).
import type { CommandHandler } from '../types.js';
import { ENTRIES_READ_INVALID, STREAM_ID_MAX } from '@redwing/store';
import { bigToNum, parseLongOrReply, replyEntries, replyEntry, replyId, subcommandSyntaxError } from './stream-generic.js';
import { xinfoLookup } from './xinfo-generic.js';

export const xinfoStreamCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const optc = argv.length - 3;
  const o = xinfoLookup(c, e);
  if (o === null) return;
  let full = false;
  let count = 10;
  if (optc > 0) {
    full = true;
    if ((optc !== 1 && optc !== 3) || argv[3]!.toLowerCase() !== 'full') {
      e.replyError(c, subcommandSyntaxError(c));
      return;
    }
    if (optc === 3) {
      if (argv[4]!.toLowerCase() !== 'count') {
        e.replyError(c, subcommandSyntaxError(c));
        return;
      }
    }
  }
  if (optc === 3) {
    const v = parseLongOrReply(c, e, argv[5]!);
    if (v === null) return;
    count = v < 0n ? 10 : bigToNum(v);
  }
  const s = o.ptr;
  c.reply.mapHeader(full ? 9 : 10);
  c.reply.bulk('length');
  c.reply.integer(s.length);
  c.reply.bulk('radix-tree-keys');
  c.reply.integer(s.nodeCount);
  c.reply.bulk('radix-tree-nodes');
  c.reply.integer(s.nodeCount === 0 ? 1 : s.nodeCount * 2);
  c.reply.bulk('last-generated-id');
  replyId(c, s.lastId);
  c.reply.bulk('max-deleted-entry-id');
  replyId(c, s.maxDeletedId);
  c.reply.bulk('entries-added');
  c.reply.integer(s.entriesAdded);
  c.reply.bulk('recorded-first-entry-id');
  replyId(c, s.firstId);
  if (!full) {
    c.reply.bulk('groups');
    c.reply.integer(s.groups?.size ?? 0);
    c.reply.bulk('first-entry');
    const first = s.range(0n, STREAM_ID_MAX, false, 1)[0];
    if (first === undefined) c.reply.null();
    else replyEntry(c, first);
    c.reply.bulk('last-entry');
    const last = s.range(0n, STREAM_ID_MAX, true, 1)[0];
    if (last === undefined) c.reply.null();
    else replyEntry(c, last);
    return;
  }
  c.reply.bulk('entries');
  replyEntries(c, s.range(0n, STREAM_ID_MAX, false, count));
  c.reply.bulk('groups');
  const groups = s.sortedGroups();
  c.reply.arrayHeader(groups.length);
  for (const g of groups) {
    c.reply.mapHeader(7);
    c.reply.bulk('name');
    c.reply.bulk(g.name);
    c.reply.bulk('last-delivered-id');
    replyId(c, g.lastId);
    c.reply.bulk('entries-read');
    if (g.entriesRead !== ENTRIES_READ_INVALID) c.reply.integer(g.entriesRead);
    else c.reply.null();
    c.reply.bulk('lag');
    const lag = s.groupLag(g);
    if (lag === null) c.reply.null();
    else c.reply.integer(lag);
    c.reply.bulk('pel-count');
    c.reply.integer(g.pel.size);
    c.reply.bulk('pending');
    const h = c.reply.deferArray();
    let n = 0;
    for (const [id, nack] of g.pel.entries()) {
      if (count && n >= count) break;
      c.reply.arrayHeader(4);
      replyId(c, id);
      c.reply.bulk(nack.consumer?.name ?? '');
      c.reply.integer(nack.deliveryTime);
      c.reply.integer(nack.deliveryCount);
      n++;
    }
    c.reply.setDeferredArray(h, n);
    c.reply.bulk('consumers');
    const consumers = g.sortedConsumers();
    c.reply.arrayHeader(consumers.length);
    for (const x of consumers) {
      c.reply.mapHeader(4);
      c.reply.bulk('name');
      c.reply.bulk(x.name);
      c.reply.bulk('seen-time');
      c.reply.integer(x.seenTime);
      c.reply.bulk('pel-count');
      c.reply.integer(x.pel.size);
      c.reply.bulk('pending');
      const hc = c.reply.deferArray();
      let m = 0;
      for (const [id, nack] of x.pel.entries()) {
        if (count && m >= count) break;
        c.reply.arrayHeader(3);
        replyId(c, id);
        c.reply.integer(nack.deliveryTime);
        c.reply.integer(nack.deliveryCount);
        m++;
      }
      c.reply.setDeferredArray(hc, m);
    }
  }
};
