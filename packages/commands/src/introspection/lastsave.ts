// LASTSAVE: unix time of the last successful save. Nothing is ever saved yet, so it is the start time, which is
// what Redis reports before its first save and what INFO's rdb_last_save_time says.
import type { CommandHandler } from '../types.js';

export const lastsaveCommand: CommandHandler = (c, e) => {
  c.reply.integer(Math.floor(e.startTime / 1000));
};
