// PERSIST key: 1 if a TTL was removed, else 0.
import type { CommandHandler } from '../types.js';

export const persistCommand: CommandHandler = (c, e) => {
  const key = c.argv[1]!;
  if (c.db.lookupWrite(key) !== undefined && c.db.removeExpire(key)) {
    c.db.signalModified(key);
    c.db.notify('g', 'persist', key);
    e.dirty++;
    c.reply.integer(1);
    return;
  }
  c.reply.integer(0);
};
