// GEOSEARCH key FROMMEMBER m | FROMLONLAT lon lat  BYRADIUS r unit | BYBOX w h unit  [ASC|DESC] [COUNT n [ANY]] [WITH*]
import type { CommandHandler } from '../types.js';
import { georadiusGeneric, GEOSEARCH } from './geo-generic.js';

export const geosearchCommand: CommandHandler = (c, e) => {
  georadiusGeneric(c, e, 1, GEOSEARCH);
};
