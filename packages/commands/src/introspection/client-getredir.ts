// CLIENT GETREDIR: the tracking redirection id; client-side caching is not implemented, so tracking is always
// off and the answer is -1, as Redis replies for a client without tracking.
import type { CommandHandler } from '../types.js';

export const clientGetredirCommand: CommandHandler = (c) => {
  c.reply.integer(-1);
};
