// CLIENT TRACKINGINFO: flags (on/off, bcast, optin + caching-yes, optout + caching-no, noloop, broken_redirect),
// the redirect id (-1 when off) and the BCAST prefixes, in Redis 7.0's order and shapes.
import { clientTrackingOf } from '../tracking/tracking-state.js';
import type { CommandHandler } from '../types.js';

export const clientTrackinginfoCommand: CommandHandler = (c) => {
  const t = clientTrackingOf(c);
  const flags: string[] = [t?.on ? 'on' : 'off'];
  if (t?.on) {
    if (t.bcast) flags.push('bcast');
    if (t.optin) {
      flags.push('optin');
      if (t.caching) flags.push('caching-yes');
    }
    if (t.optout) {
      flags.push('optout');
      if (t.caching) flags.push('caching-no');
    }
    if (t.noloop) flags.push('noloop');
    if (t.brokenRedirect) flags.push('broken_redirect');
  }
  const r = c.reply;
  r.mapHeader(3);
  r.bulk('flags');
  r.setHeader(flags.length);
  for (const f of flags) r.bulk(f);
  r.bulk('redirect');
  r.integer(t?.on ? t.redirect : -1);
  r.bulk('prefixes');
  const prefixes = t?.prefixes ?? [];
  r.arrayHeader(prefixes.length);
  for (const p of prefixes) r.bulk(p);
};
