// PUNSUBSCRIBE: see pubsub-generic.ts.
import type { CommandHandler } from '../types.js';
import { unsubscribeGeneric } from './pubsub-generic.js';

export const punsubscribeCommand: CommandHandler = (c, e) => unsubscribeGeneric(c, e, 'pattern', 'punsubscribe');
