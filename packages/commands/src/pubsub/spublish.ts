// SPUBLISH shardchannel message (no cluster: the shard is this server).
import type { CommandHandler } from '../types.js';

export const spublishCommand: CommandHandler = (c, e) => {
  c.reply.integer(e.pubsub.publishShard(c.argv[1]!, c.argv[2]!));
};
