// SINTER key [key ...]: the intersection (a RESP3 set); any missing key makes it empty.
import type { RObject, SetValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { interMembers, lookupSets } from './set-generic.js';

export const sinterCommand: CommandHandler = (c, e) => {
  const sets = lookupSets(c, e, c.argv.slice(1));
  if (sets === null) return;
  if (sets.includes(undefined)) {
    c.reply.setHeader(0);
    return;
  }
  const out = interMembers(sets as RObject<SetValue>[]);
  c.reply.setHeader(out.length);
  for (const m of out) c.reply.bulk(m);
};
