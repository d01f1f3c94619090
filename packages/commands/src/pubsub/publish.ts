// PUBLISH channel message: the number of clients that received it.
import type { CommandHandler } from '../types.js';

export const publishCommand: CommandHandler = (c, e) => {
  c.reply.integer(e.pubsub.publish(c.argv[1]!, c.argv[2]!));
};
