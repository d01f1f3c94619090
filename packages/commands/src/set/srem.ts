// SREM key member [member ...]: remove members; replies how many were removed. Emptied sets are deleted (`del`).
import { ObjType, type SetValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupWrite } from '../util/lookup.js';

export const sremCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const o = lookupWrite<SetValue>(c, e, key, ObjType.SET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const s = o.ptr;
  let deleted = 0;
  let removed = false;
  for (let i = 2; i < argv.length; i++) {
    if (s.delete(argv[i]!)) {
      deleted++;
      if (s.size === 0) {
        c.db.delete(key);
        removed = true;
        break;
      }
    }
  }
  if (deleted > 0) {
    c.db.signalModified(key);
    c.db.notify('s', 'srem', key);
    if (removed) c.db.notify('g', 'del', key);
    e.dirty += deleted;
  }
  c.reply.integer(deleted);
};
