// FUNCTION KILL: stops a function that went past busy-reply-threshold without writing (it runs in slices then).
import type { CommandHandler } from '../types.js';

export const functionKillCommand: CommandHandler = (c, e) => {
  const err = e.scripting.kill(false);
  if (err) e.replyError(c, err);
  else c.reply.simple('OK');
};
