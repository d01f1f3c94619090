// TYPE key: "none" for a missing key, else the type name; does not touch the key's access time.
import { typeName } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { lookupNoTouch } from './keys-generic.js';

export const typeCommand: CommandHandler = (c, e) => {
  const o = lookupNoTouch(c, e, c.argv[1]!);
  c.reply.simple(o === undefined ? 'none' : typeName(o.type));
};
