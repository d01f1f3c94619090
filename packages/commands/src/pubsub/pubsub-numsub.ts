// PUBSUB NUMSUB [channel ...]: flat [channel, count, ...]
import type { CommandHandler } from '../types.js';

export const pubsubNumsubCommand: CommandHandler = (c, e) => {
  c.reply.arrayHeader((c.argv.length - 2) * 2);
  for (let i = 2; i < c.argv.length; i++) {
    c.reply.bulk(c.argv[i]!);
    c.reply.integer(e.pubsub.channels.get(c.argv[i]!)?.size ?? 0);
  }
};
