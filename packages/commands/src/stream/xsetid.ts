// XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { lookupStream, parseIdOrReply, parseLongOrReply, streamChanged } from './stream-generic.js';

export const xsetidCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const id = parseIdOrReply(c, e, argv[2]!, 0n, true);
  if (id === null) return;
  let entriesAdded = -1n;
  let maxDel = 0n;
  for (let i = 3; i < argv.length; ) {
    const more = argv.length - 1 - i;
    const opt = argv[i]!.toLowerCase();
    if (opt === 'entriesadded' && more) {
      const v = parseLongOrReply(c, e, argv[i + 1]!);
      if (v === null) return;
      if (v < 0n) {
        e.replyError(c, 'ERR entries_added must be positive');
        return;
      }
      entriesAdded = v;
      i += 2;
    } else if (opt === 'maxdeletedid' && more) {
      const m = parseIdOrReply(c, e, argv[i + 1]!, 0n, true);
      if (m === null) return;
      if (id < m) {
        e.replyError(c, 'ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
        return;
      }
      maxDel = m;
      i += 2;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const key = argv[1]!;
  const o = lookupStream(c, e, key, true);
  if (o === null) return;
  if (o === undefined) {
    e.replyError(c, Err.NO_SUCH_KEY);
    return;
  }
  const s = o.ptr;
  if (s.length > 0) {
    if (id < s.edgeId(false)) {
      e.replyError(c, 'ERR The ID specified in XSETID is smaller than the target stream top item');
      return;
    }
    if (entriesAdded !== -1n && BigInt(s.length) > entriesAdded) {
      e.replyError(c, 'ERR The entries_added specified in XSETID is smaller than the target stream length');
      return;
    }
  }
  s.lastId = id;
  if (entriesAdded !== -1n) s.entriesAdded = Number(entriesAdded);
  if (maxDel !== 0n) s.maxDeletedId = maxDel;
  c.reply.simple('OK');
  streamChanged(c, e, key, 'xsetid');
};
