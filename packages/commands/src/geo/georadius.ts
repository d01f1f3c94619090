// GEORADIUS key longitude latitude radius unit [WITH*] [COUNT n [ANY]] [ASC|DESC] [STORE|STOREDIST key]
import type { CommandHandler } from '../types.js';
import { georadiusGeneric, RADIUS_COORDS } from './geo-generic.js';

export const georadiusCommand: CommandHandler = (c, e) => {
  georadiusGeneric(c, e, 1, RADIUS_COORDS);
};
