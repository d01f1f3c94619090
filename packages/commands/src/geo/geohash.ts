// GEOHASH key [member ...]: the 11-character standard geohash of each member (nil when missing).
import { ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupRead } from '../util/lookup.js';
import { geohashString } from './geo-codec.js';

export const geohashCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const o = lookupRead<ZSet>(c, e, argv[1]!, ObjType.ZSET);
  if (o === null) return;
  c.reply.arrayHeader(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const score = o === undefined ? undefined : o.ptr.score(argv[j]!);
    if (score === undefined) c.reply.null();
    else c.reply.bulk(geohashString(score));
  }
};
