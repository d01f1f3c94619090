// CLIENT GETNAME: the name, or null when none is set.
import type { CommandHandler } from '../types.js';

export const clientGetnameCommand: CommandHandler = (c) => {
  if (c.name === '') c.reply.null();
  else c.reply.bulk(c.name);
};
