// SUBSCRIBE: see pubsub-generic.ts.
import type { CommandHandler } from '../types.js';
import { subscribeGeneric } from './pubsub-generic.js';

export const subscribeCommand: CommandHandler = (c, e) => subscribeGeneric(c, e, 'channel', 'subscribe');
