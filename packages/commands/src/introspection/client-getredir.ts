// CLIENT GETREDIR: the client id invalidations are redirected to; 0 when tracking without redirection,
// -1 when tracking is off (Redis's answers).
import { clientTrackingOf } from '../tracking/tracking-state.js';
import type { CommandHandler } from '../types.js';

export const clientGetredirCommand: CommandHandler = (c) => {
  const t = clientTrackingOf(c);
  c.reply.integer(t?.on ? t.redirect : -1);
};
