// SUNIONSTORE destination key [key ...]: store the union; an empty result deletes the destination.
import type { CommandHandler } from '../types.js';
import { lookupSets, storeResult, unionDiff } from './set-generic.js';

export const sunionstoreCommand: CommandHandler = (c, e) => {
  const sets = lookupSets(c, e, c.argv.slice(2));
  if (sets === null) return;
  storeResult(c, e, c.argv[1]!, unionDiff(e, sets, false), 'sunionstore');
};
