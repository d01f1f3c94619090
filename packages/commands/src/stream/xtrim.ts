// XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]
import type { CommandHandler } from '../types.js';
import { lookupStream, parseAddTrimArgs, streamChanged } from './stream-generic.js';

export const xtrimCommand: CommandHandler = (c, e) => {
  const args = parseAddTrimArgs(c, e, false);
  if (args === null) return;
  const key = c.argv[1]!;
  const o = lookupStream(c, e, key, true);
  if (o === null) return;
  if (o === undefined) {
    c.reply.integer(0);
    return;
  }
  const deleted = o.ptr.trim(args.trim!);
  if (deleted) streamChanged(c, e, key, 'xtrim', deleted);
  c.reply.integer(deleted);
};
