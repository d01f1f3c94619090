// GEODIST key member1 member2 [M|KM|FT|MI]: haversine distance of two members, "%.4f".
import { ObjType, type ZSet } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { lookupRead } from '../util/lookup.js';
import { distance } from './geo-codec.js';
import { extractUnit, memberPosition, replyDistance } from './geo-generic.js';

export const geodistCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let toMeter = 1;
  if (argv.length === 5) {
    toMeter = extractUnit(c, e, argv[4]!);
    if (toMeter < 0) return;
  } else if (argv.length > 5) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const o = lookupRead<ZSet>(c, e, argv[1]!, ObjType.ZSET);
  if (o === null) return;
  if (o === undefined) {
    c.reply.null();
    return;
  }
  const a = memberPosition(o.ptr, argv[2]!);
  const b = a === null ? null : memberPosition(o.ptr, argv[3]!);
  if (a === null || b === null) {
    c.reply.null();
    return;
  }
  replyDistance(c, distance(a[0], a[1], b[0], b[1]) / toMeter);
};
