// RESET: back to a fresh connection's state (no MULTI, no WATCH, no subscriptions, RESP2, db 0, no name,
// no client tracking, user default, not authenticated when a password is set) and reply +RESET.
import { CF } from '../client.js';
import { trackingState } from '../tracking/tracking-state.js';
import type { CommandHandler } from '../types.js';

export const resetCommand: CommandHandler = (c, e) => {
  c.flags &= ~(CF.MULTI | CF.DIRTY_CAS | CF.DIRTY_EXEC | CF.REPLY_OFF | CF.REPLY_SKIP | CF.REPLY_SKIP_NEXT | CF.NO_EVICT | CF.NO_TOUCH);
  c.multiQueue = [];
  e.watch.unwatchAll(c);
  e.pubsub.unsubscribeAll(c);
  if (e.monitors.delete(c)) c.flags &= ~CF.MONITOR;
  if (c.flags & CF.TRACKING) trackingState(e).disable(c);
  c.db = e.keyspace.db(0);
  c.name = '';
  c.resp = 2;
  c.user = 'default';
  if (e.requiresAuth()) c.authenticated = false;
  c.reply.simple('RESET');
};
