// SET key value [NX | XX] [GET] [EX s | PX ms | EXAT ts | PXAT ts | KEEPTTL]
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseExpireArg, type ExpireUnit } from '../util/expire.js';
import { SET_GET, SET_KEEPTTL, SET_NX, SET_XX, setGeneric } from './string-generic.js';

export const setCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let flags = 0;
  let unit: ExpireUnit | undefined;
  let expireArg = '';
  for (let i = 3; i < argv.length; i++) {
    const opt = argv[i]!.toUpperCase();
    const hasNext = i + 1 < argv.length;
    if (opt === 'NX' && !(flags & SET_XX)) flags |= SET_NX;
    else if (opt === 'XX' && !(flags & SET_NX)) flags |= SET_XX;
    else if (opt === 'GET') flags |= SET_GET;
    else if (opt === 'KEEPTTL' && unit === undefined) flags |= SET_KEEPTTL;
    else if ((opt === 'EX' || opt === 'PX' || opt === 'EXAT' || opt === 'PXAT') && unit === undefined && !(flags & SET_KEEPTTL) && hasNext) {
      unit = opt;
      expireArg = argv[++i]!;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  let at = -1;
  if (unit !== undefined) {
    const v = parseExpireArg(c, e, expireArg, unit);
    if (v === null) return;
    at = v;
  }
  setGeneric(c, e, argv[1]!, argv[2]!, flags, at);
};
