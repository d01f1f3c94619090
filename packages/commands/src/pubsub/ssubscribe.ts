// SSUBSCRIBE: see pubsub-generic.ts.
import type { CommandHandler } from '../types.js';
import { subscribeGeneric } from './pubsub-generic.js';

export const ssubscribeCommand: CommandHandler = (c, e) => subscribeGeneric(c, e, 'shard', 'ssubscribe');
