// PING [message]: +PONG, or the message as a bulk; in RESP2 subscribed mode a ["pong", message] array.
import type { CommandHandler } from '../types.js';
import { wrongArity } from '../errors.js';

export const pingCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  if (argv.length > 2) {
    e.replyError(c, wrongArity('ping'));
    return;
  }
  if (c.inPubSubMode) {
    c.reply.arrayHeader(2);
    c.reply.bulk('pong');
    c.reply.bulk(argv.length === 2 ? argv[1]! : '');
  } else if (argv.length === 2) c.reply.bulk(argv[1]!);
  else c.reply.simple('PONG');
};
