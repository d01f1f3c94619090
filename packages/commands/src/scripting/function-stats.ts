// FUNCTION STATS: the running function (observable while a busy FCALL runs in slices) and the counts.
import type { CommandHandler } from '../types.js';

export const functionStatsCommand: CommandHandler = (c, e) => {
  const r = c.reply;
  r.mapHeader(2);
  r.bulk('running_script');
  const running = e.scripting.runningFunction();
  if (running) {
    r.mapHeader(3);
    r.bulk('name');
    r.bulk(running.name);
    r.bulk('command');
    r.arrayHeader(running.argv.length);
    for (const a of running.argv) r.bulk(a);
    r.bulk('duration_ms');
    r.integer(running.durationMs);
  } else r.null();
  r.bulk('engines');
  r.mapHeader(1);
  r.bulk('LUA');
  r.mapHeader(2);
  r.bulk('libraries_count');
  r.integer(e.functions.libraries.size);
  r.bulk('functions_count');
  r.integer(e.functions.functions.size);
};
