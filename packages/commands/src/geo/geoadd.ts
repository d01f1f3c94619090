// GEOADD key [NX|XX] [CH] longitude latitude member [...]: validates the pairs, turns each into its 52-bit
// geohash score and runs ZADD with the rewritten argument vector (as Redis does, so events say `zadd`).
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { zaddGeneric } from '../zset/zset-generic.js';
import { extractLongLat } from './geo-generic.js';
import { encodeScore } from './geo-codec.js';

export const geoaddCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let xx = false;
  let nx = false;
  let longidx = 2;
  while (longidx < argv.length) {
    const opt = argv[longidx]!.toLowerCase();
    if (opt === 'nx') nx = true;
    else if (opt === 'xx') xx = true;
    else if (opt !== 'ch') break;
    longidx++;
  }
  if ((argv.length - longidx) % 3 !== 0 || (xx && nx)) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const elements = (argv.length - longidx) / 3;
  const zargv: string[] = ['zadd', ...argv.slice(1, longidx)];
  for (let i = 0; i < elements; i++) {
    const base = longidx + i * 3;
    const xy = extractLongLat(c, e, argv[base]!, argv[base + 1]!);
    if (xy === null) return;
    const score = encodeScore(xy[0], xy[1]) ?? 0n;
    zargv.push(score.toString(), argv[base + 2]!);
  }
  c.argv = zargv;
  zaddGeneric(c, e, false);
};
