// MGET key [key ...]
import { ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';

export const mgetCommand: CommandHandler = (c) => {
  const argv = c.argv;
  c.reply.arrayHeader(argv.length - 1);
  for (let i = 1; i < argv.length; i++) {
    const o = c.db.lookupRead(argv[i]!);
    if (o === undefined || o.type !== ObjType.STRING) c.reply.null();
    else c.reply.bulk(o.ptr as string);
  }
};
