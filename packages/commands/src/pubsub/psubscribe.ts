// PSUBSCRIBE: see pubsub-generic.ts.
import type { CommandHandler } from '../types.js';
import { subscribeGeneric } from './pubsub-generic.js';

export const psubscribeCommand: CommandHandler = (c, e) => subscribeGeneric(c, e, 'pattern', 'psubscribe');
