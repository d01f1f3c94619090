// GEORADIUSBYMEMBER key member radius unit [WITH*] [COUNT n [ANY]] [ASC|DESC] [STORE|STOREDIST key]
import type { CommandHandler } from '../types.js';
import { georadiusGeneric, RADIUS_MEMBER } from './geo-generic.js';

export const georadiusbymemberCommand: CommandHandler = (c, e) => {
  georadiusGeneric(c, e, 1, RADIUS_MEMBER);
};
