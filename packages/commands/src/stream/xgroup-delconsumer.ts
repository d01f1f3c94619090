// XGROUP DELCONSUMER key group consumer: replies how many entries the consumer had pending.
import type { CommandHandler } from '../types.js';
import { streamChanged } from './stream-generic.js';
import { xgroupPrelude } from './xgroup-generic.js';

export const xgroupDelconsumerCommand: CommandHandler = (c, e) => {
  const x = xgroupPrelude(c, e, 'delconsumer');
  if (x === null) return;
  const g = x.group!;
  const cons = g.consumers.get(c.argv[4]!);
  let pending = 0;
  if (cons !== undefined) {
    pending = g.deleteConsumer(cons);
    streamChanged(c, e, x.key, 'xgroup-delconsumer');
  }
  c.reply.integer(pending);
};
