// CONFIG RESETSTAT: zero the INFO stats, commandstats, errorstats.
import type { CommandHandler } from '../types.js';

export const configResetstatCommand: CommandHandler = (c, e) => {
  e.stats.reset(e);
  c.reply.simple('OK');
};
