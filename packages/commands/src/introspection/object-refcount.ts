// OBJECT REFCOUNT key (shared objects report 2147483647, as Redis's OBJ_SHARED_REFCOUNT)
import type { CommandHandler } from '../types.js';
import { objectLookupOrNull } from './object-generic.js';

export const objectRefcountCommand: CommandHandler = (c, e) => {
  const o = objectLookupOrNull(c, e, c.argv[2]!);
  if (o) c.reply.integer(o.refcount);
};
