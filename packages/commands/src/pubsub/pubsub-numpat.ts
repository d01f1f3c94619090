// PUBSUB NUMPAT: number of distinct patterns subscribed to.
import type { CommandHandler } from '../types.js';

export const pubsubNumpatCommand: CommandHandler = (c, e) => {
  c.reply.integer(e.pubsub.patterns.size);
};
