// SDIFFSTORE destination key [key ...]: store the diff; an empty result deletes the destination.
import type { CommandHandler } from '../types.js';
import { lookupSets, storeResult, unionDiff } from './set-generic.js';

export const sdiffstoreCommand: CommandHandler = (c, e) => {
  const sets = lookupSets(c, e, c.argv.slice(2));
  if (sets === null) return;
  storeResult(c, e, c.argv[1]!, unionDiff(e, sets, true), 'sdiffstore');
};
