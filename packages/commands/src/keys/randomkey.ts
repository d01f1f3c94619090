// RANDOMKEY: a random live key of the selected db, or null when it is empty.
import type { CommandHandler } from '../types.js';

export const randomkeyCommand: CommandHandler = (c) => {
  const k = c.db.randomKey();
  if (k === undefined) c.reply.null();
  else c.reply.bulk(k);
};
