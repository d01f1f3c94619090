// FUNCTION STATS: the running function (none can be observed here: scripts run to completion) and counts.
import type { CommandHandler } from '../types.js';

export const functionStatsCommand: CommandHandler = (c, e) => {
  const r = c.reply;
  r.mapHeader(2);
  r.bulk('running_script');
  r.null();
  r.bulk('engines');
  r.mapHeader(1);
  r.bulk('LUA');
  r.mapHeader(2);
  r.bulk('libraries_count');
  r.integer(e.functions.libraries.size);
  r.bulk('functions_count');
  r.integer(e.functions.functions.size);
};
