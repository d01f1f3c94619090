// GEORADIUSBYMEMBER_RO: GEORADIUSBYMEMBER without STORE / STOREDIST.
import type { CommandHandler } from '../types.js';
import { georadiusGeneric, RADIUS_MEMBER, RADIUS_NOSTORE } from './geo-generic.js';

export const georadiusbymemberRoCommand: CommandHandler = (c, e) => {
  georadiusGeneric(c, e, 1, RADIUS_MEMBER | RADIUS_NOSTORE);
};
