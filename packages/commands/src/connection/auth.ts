// AUTH [username] password
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { authenticate } from './auth-generic.js';

export const authCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  if (argv.length > 3) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  if (argv.length === 2 && e.config.getString('requirepass') === '') {
    e.replyError(c, Err.AUTH_NO_PASSWORD);
    return;
  }
  const user = argv.length === 3 ? argv[1]! : 'default';
  const pass = argv[argv.length - 1]!;
  if (authenticate(c, e, user, pass)) c.reply.simple('OK');
  else e.replyError(c, Err.WRONGPASS);
};
