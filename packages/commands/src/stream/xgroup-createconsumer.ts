// XGROUP CREATECONSUMER key group consumer
import type { CommandHandler } from '../types.js';
import { createConsumer } from './stream-generic.js';
import { xgroupPrelude } from './xgroup-generic.js';

export const xgroupCreateconsumerCommand: CommandHandler = (c, e) => {
  const x = xgroupPrelude(c, e, 'createconsumer');
  if (x === null) return;
  const created = createConsumer(c, e, x.group!, c.argv[4]!, x.key);
  if (created !== undefined) c.db.signalModified(x.key);
  c.reply.integer(created ? 1 : 0);
};
