// MEMORY USAGE key [SAMPLES count]: the store's estimate for the value plus the key and its entry (null when the
// key is missing). Like Redis, the key is looked up without an expiry check.
import { ENTRY_OVERHEAD, objectMemory, stringBytes } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';

export const memoryUsageCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  for (let j = 3; j < argv.length; j++) {
    if (argv[j]!.toLowerCase() === 'samples' && j + 1 < argv.length) {
      const n = parseInt64(argv[j + 1]!);
      if (n === null) {
        e.replyError(c, Err.NOT_INTEGER);
        return;
      }
      if (n < 0n) {
        e.replyError(c, Err.SYNTAX);
        return;
      }
      j++;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const key = argv[2]!;
  const o = c.db.peek(key);
  if (o === undefined) {
    c.reply.null();
    return;
  }
  c.reply.integer(objectMemory(o) + stringBytes(key.length) + ENTRY_OVERHEAD);
};
