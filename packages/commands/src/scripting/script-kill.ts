// SCRIPT KILL: stops a script that went past busy-reply-threshold and has not written (it runs in slices then).
import type { CommandHandler } from '../types.js';

export const scriptKillCommand: CommandHandler = (c, e) => {
  const err = e.scripting.kill();
  if (err) e.replyError(c, err);
  else c.reply.simple('OK');
};
