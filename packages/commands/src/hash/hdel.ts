// HDEL key field [field ...]: remove fields; replies how many were removed. Emptied hashes are deleted (`del`).
import { ObjType, type HashValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupWrite } from '../util/lookup.js';
import { deleteIfEmpty } from './hash-generic.js';

export const hdelCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const o = lookupWrite<HashValue>(c, e, key, ObjType.HASH);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const h = o.ptr;
  let deleted = 0;
  let removed = false;
  for (let i = 2; i < argv.length; i++) {
    if (h.delete(argv[i]!)) {
      deleted++;
      if (deleteIfEmpty(c, key, h)) {
        removed = true;
        break;
      }
    }
  }
  if (deleted > 0) {
    c.db.signalModified(key);
    c.db.notify('h', 'hdel', key);
    if (removed) c.db.notify('g', 'del', key);
    e.dirty += deleted;
  }
  c.reply.integer(deleted);
};
