// CLIENT SETNAME name: an empty name clears it; spaces, newlines and non-printable bytes are refused.
import { validClientName } from '../connection/client-generic.js';
import type { CommandHandler } from '../types.js';

export const clientSetnameCommand: CommandHandler = (c, e) => {
  const name = c.argv[2]!;
  if (!validClientName(name)) {
    e.replyError(c, 'ERR Client names cannot contain spaces, newlines or special characters.');
    return;
  }
  c.name = name;
  c.reply.simple('OK');
};
