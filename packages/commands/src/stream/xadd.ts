// XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]
import type { CommandHandler } from '../types.js';
import { formatStreamId, STREAM_LISTPACK_MAX_SIZE, STREAM_ID_MAX } from '@redwing/store';
import { wrongArity } from '../errors.js';
import { createStreamKey, lookupStream, nodeLimits, parseAddTrimArgs, streamChanged } from './stream-generic.js';

export const xaddCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const args = parseAddTrimArgs(c, e, true);
  if (args === null) return;
  const fieldPos = args.idPos + 1;
  const n = argv.length - fieldPos;
  if (n < 2 || n % 2 === 1) {
    e.replyError(c, wrongArity('xadd'));
    return;
  }
  if (args.idGiven && args.seqGiven && args.id === 0n) {
    e.replyError(c, 'ERR The ID specified in XADD must be greater than 0-0');
    return;
  }
  const key = argv[1]!;
  let o = lookupStream(c, e, key, true);
  if (o === null) return;
  if (o === undefined) {
    if (args.noMkstream) {
      c.reply.null();
      return;
    }
    o = createStreamKey(c, key);
  }
  const s = o.ptr;
  if (s.lastId === STREAM_ID_MAX) {
    e.replyError(c, 'ERR The stream has exhausted the last possible ID, unable to add more items');
    return;
  }
  const id = s.nextId(args.idGiven ? args.id : undefined, args.seqGiven, Date.now());
  if (id === null) {
    e.replyError(c, 'ERR The ID specified in XADD is equal or smaller than the target stream top item');
    return;
  }
  const fields = argv.slice(fieldPos);
  let total = 0;
  for (const f of fields) total += f.length;
  if (total > STREAM_LISTPACK_MAX_SIZE) {
    e.replyError(c, 'ERR Elements are too large to be stored');
    return;
  }
  s.append(id, fields, nodeLimits(e));
  c.reply.bulk(formatStreamId(id));
  streamChanged(c, e, key, 'xadd');
  if (args.trim !== null && s.trim(args.trim) > 0) {
    c.db.notify('t', 'xtrim', key);
    c.db.signalModified(key);
  }
  c.db.signalReady(key);
};
