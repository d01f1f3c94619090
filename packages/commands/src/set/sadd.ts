// SADD key member [member ...]: add members (creating the set: intset when the first is an integer);
// replies how many were new.
import { ObjType, setAdd, type SetValue } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupWrite } from '../util/lookup.js';
import { setForAdd } from './set-generic.js';

export const saddCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const key = argv[1]!;
  const found = lookupWrite<SetValue>(c, e, key, ObjType.SET);
  if (found === null) return;
  const o = setForAdd(c, key, found, argv[2]!);
  const cfg = e.keyspace.config;
  let added = 0;
  for (let i = 2; i < argv.length; i++) if (setAdd(o, argv[i]!, cfg)) added++;
  if (added > 0) {
    c.db.signalModified(key);
    c.db.notify('s', 'sadd', key);
  }
  e.dirty += added;
  c.reply.integer(added);
};
