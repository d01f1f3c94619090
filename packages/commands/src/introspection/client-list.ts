// CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id [id ...]]
import type { Client } from '../client.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';
import { clientInfoLine, clientType, clientTypeByName } from './client-list-format.js';

export const clientListCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let list: Client[];
  if (argv.length === 4 && argv[2]!.toLowerCase() === 'type') {
    const type = clientTypeByName(argv[3]!);
    if (type === undefined) {
      e.replyError(c, `ERR Unknown client type '${argv[3]!}'`);
      return;
    }
    list = [...e.clients.values()].filter((cl) => clientType(cl) === type);
  } else if (argv.length > 3 && argv[2]!.toLowerCase() === 'id') {
    list = [];
    for (let j = 3; j < argv.length; j++) {
      const id = parseInt64(argv[j]!);
      if (id === null) {
        e.replyError(c, 'ERR Invalid client ID');
        return;
      }
      const cl = e.clients.get(Number(id));
      if (cl) list.push(cl);
    }
  } else if (argv.length !== 2) {
    e.replyError(c, Err.SYNTAX);
    return;
  } else list = [...e.clients.values()];
  const now = Date.now();
  let out = '';
  for (const cl of list) out += `${clientInfoLine(cl, c, now)}\n`;
  c.reply.verbatim(out, 'txt');
};
