// SCRIPT LOAD script: compile and cache, reply the SHA1.
import type { CommandHandler } from '../types.js';

export const scriptLoadCommand: CommandHandler = (c, e) => {
  const r = e.scripting.load(c.argv[2]!);
  if ('error' in r) e.replyError(c, r.error);
  else c.reply.bulk(r.sha);
};
