// GEOPOS key [member ...]: [longitude, latitude] of each member's cell centre (nil array when missing).
import { ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { memberPosition, replyCoord } from './geo-generic.js';

export const geoposCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const o = lookupRead<ZSet>(c, e, argv[1]!, ObjType.ZSET);
  if (o === null) return;
  c.reply.arrayHeader(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const xy = o === undefined ? null : memberPosition(o.ptr, argv[j]!);
    if (xy === null) c.reply.nullArray();
    else {
      c.reply.arrayHeader(2);
      replyCoord(c, xy[0]);
      replyCoord(c, xy[1]);
    }
  }
};
