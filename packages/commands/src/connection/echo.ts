// ECHO message
import type { CommandHandler } from '../types.js';

export const echoCommand: CommandHandler = (c) => {
  c.reply.bulk(c.argv[1]!);
};
