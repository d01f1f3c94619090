// GETEX key [EX s | PX ms | EXAT ts | PXAT ts | PERSIST]
import { ObjType } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseExpireArg, type ExpireUnit } from '../util/expire.js';
import { keyChanged, lookupRead } from '../util/lookup.js';

export const getexCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let unit: ExpireUnit | undefined;
  let persist = false;
  let arg = '';
  for (let i = 2; i < argv.length; i++) {
    const opt = argv[i]!.toUpperCase();
    if ((opt === 'EX' || opt === 'PX' || opt === 'EXAT' || opt === 'PXAT') && unit === undefined && !persist && i + 1 < argv.length) {
      unit = opt;
      arg = argv[++i]!;
    } else if (opt === 'PERSIST' && unit === undefined && !persist) persist = true;
    else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  let at = -1;
  if (unit !== undefined) {
    const v = parseExpireArg(c, e, arg, unit);
    if (v === null) return;
    at = v;
  }
  const key = argv[1]!;
  const o = lookupRead<string>(c, e, key, ObjType.STRING);
  if (o === null) return;
  if (o === undefined) {
    c.reply.null();
    return;
  }
  const value = o.ptr;
  if (at >= 0) {
    if (at <= e.keyspace.now()) {
      c.db.delete(key);
      keyChanged(c, e, key, 'g', 'del');
    } else {
      c.db.setExpire(key, at);
      keyChanged(c, e, key, 'g', 'expire');
    }
  } else if (persist && c.db.removeExpire(key)) {
    keyChanged(c, e, key, 'g', 'persist');
  }
  c.reply.bulk(value);
};
