// APPEND key value
import { createStringObject, ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { keyChanged, lookupWrite } from '../util/lookup.js';
import { checkStringLength } from './string-generic.js';

export const appendCommand: CommandHandler = (c, e) => {
  const key = c.argv[1]!;
  const add = c.argv[2]!;
  const o = lookupWrite<string>(c, e, key, ObjType.STRING);
  if (o === null) return;
  let next: string;
  if (o === undefined) {
    next = add;
    c.db.set(key, createStringObject(next));
  } else {
    if (!checkStringLength(c, e, o.ptr.length + add.length)) return;
    next = o.ptr + add;
    c.db.set(key, createStringObject(next), { keepTtl: true });
  }
  keyChanged(c, e, key, '$', 'append');
  c.reply.integer(next.length);
};
