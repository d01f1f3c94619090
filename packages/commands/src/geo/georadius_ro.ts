// GEORADIUS_RO: GEORADIUS without STORE / STOREDIST.
import type { CommandHandler } from '../types.js';
import { georadiusGeneric, RADIUS_COORDS, RADIUS_NOSTORE } from './geo-generic.js';

export const georadiusRoCommand: CommandHandler = (c, e) => {
  georadiusGeneric(c, e, 1, RADIUS_COORDS | RADIUS_NOSTORE);
};
