// SDIFF key [key ...]: the diff of the sets (a RESP3 set; missing keys are empty sets).
import type { CommandHandler } from '../types.js';
import { lookupSets, replySet, unionDiff } from './set-generic.js';

export const sdiffCommand: CommandHandler = (c, e) => {
  const sets = lookupSets(c, e, c.argv.slice(1));
  if (sets === null) return;
  replySet(c, unionDiff(e, sets, true));
};
