// UNSUBSCRIBE: see pubsub-generic.ts.
import type { CommandHandler } from '../types.js';
import { unsubscribeGeneric } from './pubsub-generic.js';

export const unsubscribeCommand: CommandHandler = (c, e) => unsubscribeGeneric(c, e, 'channel', 'unsubscribe');
