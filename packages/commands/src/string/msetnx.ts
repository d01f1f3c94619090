// MSETNX key value [key value ...]: all or nothing; a repeated key counts once.
import { createStringObject } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { wrongArity } from '../errors.js';
import { keyChanged } from '../util/lookup.js';

export const msetnxCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  if (argv.length % 2 === 0) {
    e.replyError(c, wrongArity('msetnx'));
    return;
  }
  for (let i = 1; i < argv.length; i += 2) {
    if (c.db.exists(argv[i]!)) {
      c.reply.integer(0);
      return;
    }
  }
  for (let i = 1; i < argv.length; i += 2) {
    c.db.set(argv[i]!, createStringObject(argv[i + 1]!));
    keyChanged(c, e, argv[i]!, '$', 'set');
  }
  c.reply.integer(1);
};
