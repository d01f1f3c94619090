// LINSERT key BEFORE|AFTER pivot element: insert next to the first pivot from the head; replies the new length,
// -1 when the pivot is absent, 0 when the key is missing.
import { ObjType, type ListValue } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { keyChanged, lookupWrite } from '../util/lookup.js';

export const linsertCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const where = argv[2]!.toLowerCase();
  let after: boolean;
  if (where === 'after') after = true;
  else if (where === 'before') after = false;
  else {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const key = argv[1]!;
  const o = lookupWrite<ListValue>(c, e, key, ObjType.LIST);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const l = o.ptr;
  const i = l.indexOf(argv[3]!);
  if (i === -1) {
    c.reply.integer(-1);
    return;
  }
  l.insertAt(after ? i + 1 : i, argv[4]!);
  keyChanged(c, e, key, 'l', 'linsert');
  c.reply.integer(l.length);
};
