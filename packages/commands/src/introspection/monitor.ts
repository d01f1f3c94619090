// MONITOR: the client starts receiving every command the server executes (engine.feedMonitors writes them).
// Ignored when already monitoring; refused for clients that must get one reply per command (EXEC, scripts).
import { CF } from '../client.js';
import type { CommandHandler } from '../types.js';

export const monitorCommand: CommandHandler = (c, e) => {
  if (c.flags & (CF.DENY_BLOCKING | CF.SCRIPT)) {
    e.replyError(c, 'ERR MONITOR isn\'t allowed for DENY BLOCKING client');
    return;
  }
  if (c.flags & CF.MONITOR) return;
  c.flags |= CF.MONITOR;
  e.monitors.add(c);
  c.reply.simple('OK');
};
