// CLIENT CACHING YES|NO: the one-shot override for the next command in OPTIN (YES) or OPTOUT (NO) tracking mode.
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { clientTrackingOf } from './tracking-state.js';

export const clientCachingCommand: CommandHandler = (c, e) => {
  const t = clientTrackingOf(c);
  if (!t?.on) {
    e.replyError(c, 'ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled');
    return;
  }
  const opt = c.argv[2]!.toLowerCase();
  if (opt === 'yes') {
    if (!t.optin) {
      e.replyError(c, 'ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.');
      return;
    }
  } else if (opt === 'no') {
    if (!t.optout) {
      e.replyError(c, 'ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.');
      return;
    }
  } else {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  t.caching = true;
  c.reply.simple('OK');
};
