// XGROUP DESTROY key group: also wakes XREADGROUP clients blocked on the group (they get -NOGROUP).
import type { CommandHandler } from '../types.js';
import { streamChanged } from './stream-generic.js';
import { xgroupPrelude } from './xgroup-generic.js';

export const xgroupDestroyCommand: CommandHandler = (c, e) => {
  const x = xgroupPrelude(c, e, 'destroy');
  if (x === null) return;
  if (x.group === undefined) {
    c.reply.integer(0);
    return;
  }
  x.o!.ptr.destroyGroup(x.groupName);
  c.reply.integer(1);
  streamChanged(c, e, x.key, 'xgroup-destroy');
  c.db.signalReady(x.key);
};
