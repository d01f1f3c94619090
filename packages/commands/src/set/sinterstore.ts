// SINTERSTORE destination key [key ...]: store the intersection; an empty one deletes the destination.
import type { RObject, SetValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { buildSet, interMembers, lookupSets, storeResult } from './set-generic.js';

export const sinterstoreCommand: CommandHandler = (c, e) => {
  const sets = lookupSets(c, e, c.argv.slice(2));
  if (sets === null) return;
  const members = sets.includes(undefined) ? [] : interMembers(sets as RObject<SetValue>[]);
  storeResult(c, e, c.argv[1]!, buildSet(e, members), 'sinterstore');
};
