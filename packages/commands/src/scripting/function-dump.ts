// FUNCTION DUMP: a serialized payload of every library (opaque; FUNCTION RESTORE reads it back).
import type { CommandHandler } from '../types.js';

export const functionDumpCommand: CommandHandler = (c, e) => {
  c.reply.bulk(e.functions.dump());
};
