// CLIENT INFO: this connection's CLIENT LIST line, as a verbatim string.
import type { CommandHandler } from '../types.js';
import { clientInfoLine } from './client-list-format.js';

export const clientInfoCommand: CommandHandler = (c) => {
  c.reply.verbatim(`${clientInfoLine(c, c, Date.now())}\n`, 'txt');
};
