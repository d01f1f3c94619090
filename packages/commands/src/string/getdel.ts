// GETDEL key
import { ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { keyChanged, lookupRead } from '../util/lookup.js';

export const getdelCommand: CommandHandler = (c, e) => {
  const key = c.argv[1]!;
  const o = lookupRead<string>(c, e, key, ObjType.STRING);
  if (o === null) return;
  if (o === undefined) {
    c.reply.null();
    return;
  }
  const value = o.ptr;
  c.db.delete(key);
  keyChanged(c, e, key, 'g', 'del');
  c.reply.bulk(value);
};
