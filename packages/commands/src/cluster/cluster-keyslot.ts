// CLUSTER KEYSLOT: cluster support is disabled (see cluster-generic.ts).
import type { CommandHandler } from '../types.js';
import { replyClusterDisabled } from './cluster-generic.js';

export const clusterKeyslotCommand: CommandHandler = (c, e) => replyClusterDisabled(c, e);
