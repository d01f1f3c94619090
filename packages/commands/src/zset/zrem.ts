// ZREM key member [member ...]
import { ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupWrite } from '../util/lookup.js';
import { afterRemove } from './zset-generic.js';

export const zremCommand: CommandHandler = (c, e) => {
  const key = c.argv[1]!;
  const o = lookupWrite<ZSet>(c, e, key, ObjType.ZSET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const z = o.ptr;
  let deleted = 0;
  for (let j = 2; j < c.argv.length; j++) {
    if (z.delete(c.argv[j]!)) deleted++;
    if (z.length === 0) break;
  }
  afterRemove(c, e, key, z, 'zrem', deleted);
  c.reply.integer(deleted);
};
