// SUNSUBSCRIBE: see pubsub-generic.ts.
import type { CommandHandler } from '../types.js';
import { unsubscribeGeneric } from './pubsub-generic.js';

export const sunsubscribeCommand: CommandHandler = (c, e) => unsubscribeGeneric(c, e, 'shard', 'sunsubscribe');
