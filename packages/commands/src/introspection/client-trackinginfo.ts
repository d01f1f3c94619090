// CLIENT TRACKINGINFO: tracking is not implemented, so every client reports Redis's "off" answer:
// flags [off], redirect -1, prefixes [].
import type { CommandHandler } from '../types.js';

export const clientTrackinginfoCommand: CommandHandler = (c) => {
  const r = c.reply;
  r.mapHeader(3);
  r.bulk('flags');
  r.setHeader(1);
  r.bulk('off');
  r.bulk('redirect');
  r.integer(-1);
  r.bulk('prefixes');
  r.arrayHeader(0);
};
