// PUBSUB SHARDCHANNELS [pattern]
import type { CommandHandler } from '../types.js';
import { globMatch } from '../util/glob.js';

export const pubsubShardchannelsCommand: CommandHandler = (c, e) => {
  const pattern = c.argv[2];
  const out: string[] = [];
  for (const ch of e.pubsub.shardChannels.keys()) if (pattern === undefined || globMatch(pattern, ch)) out.push(ch);
  c.reply.arrayHeader(out.length);
  for (const ch of out) c.reply.bulk(ch);
};
