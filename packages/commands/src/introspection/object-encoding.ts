// OBJECT ENCODING key
import { encodingName } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { objectLookupOrNull } from './object-generic.js';

export const objectEncodingCommand: CommandHandler = (c, e) => {
  const o = objectLookupOrNull(c, e, c.argv[2]!);
  if (o) c.reply.bulk(encodingName(o.encoding));
};
