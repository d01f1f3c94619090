// CLUSTER SET CONFIG EPOCH: cluster support is disabled (see cluster-generic.ts).
import type { CommandHandler } from '../types.js';
import { replyClusterDisabled } from './cluster-generic.js';

export const clusterSetConfigEpochCommand: CommandHandler = (c, e) => replyClusterDisabled(c, e);
