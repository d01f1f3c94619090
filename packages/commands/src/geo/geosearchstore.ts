// GEOSEARCHSTORE destination source <GEOSEARCH options> [STOREDIST]
import type { CommandHandler } from '../types.js';
import { georadiusGeneric, GEOSEARCH, GEOSEARCHSTORE } from './geo-generic.js';

export const geosearchstoreCommand: CommandHandler = (c, e) => {
  georadiusGeneric(c, e, 2, GEOSEARCH | GEOSEARCHSTORE);
};
