// COPY source destination [DB destination-db] [REPLACE]: duplicates the value (and TTL) under another name/db.
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseDbIndex, signalIfBlockable } from './keys-generic.js';

export const copyCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const src = c.db;
  let dst = c.db;
  let replace = false;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    if (opt === 'replace') replace = true;
    else if (opt === 'db' && j + 1 < argv.length) {
      const d = parseDbIndex(c, e, argv[++j]!, 'ERR DB index is out of range');
      if (d === null) return;
      dst = d;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const key = argv[1]!;
  const newkey = argv[2]!;
  if (src === dst && key === newkey) {
    e.replyError(c, Err.SAME_OBJECT);
    return;
  }
  if (src.lookupRead(key) === undefined) {
    c.reply.integer(0);
    return;
  }
  if (dst.lookupWrite(newkey) !== undefined && !replace) {
    c.reply.integer(0);
    return;
  }
  if (!src.copyTo(key, newkey, dst, true)) {
    c.reply.integer(0);
    return;
  }
  dst.signalModified(newkey);
  dst.notify('g', 'copy_to', newkey);
  signalIfBlockable(dst, newkey, dst.peek(newkey));
  e.dirty++;
  c.reply.integer(1);
};
