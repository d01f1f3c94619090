// FUNCTION LOAD [REPLACE] function-code
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';

export const functionLoadCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let replace = false;
  let i = 2;
  for (; i < argv.length - 1; i++) {
    if (argv[i]!.toUpperCase() === 'REPLACE') replace = true;
    else {
      e.replyError(c, `ERR Unknown option given: ${argv[i]!}`);
      return;
    }
  }
  if (i !== argv.length - 1) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const r = e.functions.load(argv[argv.length - 1]!, replace);
  if ('error' in r) e.replyError(c, r.error);
  else c.reply.bulk(r.name);
};
