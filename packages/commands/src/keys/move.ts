// MOVE key db: moves the key (value and TTL) to another db; 0 when missing here or present there.
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseDbIndex, signalIfBlockable } from './keys-generic.js';

export const moveCommand: CommandHandler = (c, e) => {
  const key = c.argv[1]!;
  const src = c.db;
  const dst = parseDbIndex(c, e, c.argv[2]!, 'ERR DB index is out of range');
  if (dst === null) return;
  if (dst === src) {
    e.replyError(c, Err.SAME_OBJECT);
    return;
  }
  if (src.lookupWrite(key) === undefined || dst.lookupWrite(key) !== undefined) {
    c.reply.integer(0);
    return;
  }
  const at = src.getExpire(key);
  src.moveTo(key, dst);
  // Db.moveTo drops the TTL (removeEntry clears it before it is copied): restore it here.
  if (at !== -1 && dst.getExpire(key) !== at) dst.setExpire(key, at);
  src.signalModified(key);
  dst.signalModified(key);
  src.notify('g', 'move_from', key);
  dst.notify('g', 'move_to', key);
  signalIfBlockable(dst, key, dst.peek(key));
  e.dirty++;
  c.reply.integer(1);
};
