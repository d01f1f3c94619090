// StoreConfig: the Redis config values the store reads, named as Redis's config names in camelCase, mutable
// (CONFIG SET writes here). maxmemoryPolicy is an accessor so the hot path reads precomputed policy flags.
// Validation of user input belongs to the config layer; assigning an unknown policy here is a bug and throws.
import { StoreMisuseError } from './errors.js';

export const MAXMEMORY_POLICIES = [
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'noeviction',
] as const;
export type MaxmemoryPolicy = (typeof MAXMEMORY_POLICIES)[number];

export interface StoreConfig {
  databases: number;
  maxmemory: number;
  maxmemoryPolicy: string;
  maxmemorySamples: number;
  lfuLogFactor: number;
  lfuDecayTime: number;
  listMaxListpackSize: number;
  listCompressDepth: number;
  hashMaxListpackEntries: number;
  hashMaxListpackValue: number;
  setMaxIntsetEntries: number;
  setMaxListpackEntries: number;
  setMaxListpackValue: number;
  zsetMaxListpackEntries: number;
  zsetMaxListpackValue: number;
  activeExpireEnabled: boolean;
  hz: number;
}

export const DEFAULT_STORE_CONFIG: Readonly<StoreConfig> = Object.freeze({
  databases: 16,
  maxmemory: 0,
  maxmemoryPolicy: 'noeviction',
  maxmemorySamples: 5,
  lfuLogFactor: 10,
  lfuDecayTime: 1,
  listMaxListpackSize: -2,
  listCompressDepth: 0,
  hashMaxListpackEntries: 128,
  hashMaxListpackValue: 64,
  setMaxIntsetEntries: 512,
  setMaxListpackEntries: 128,
  setMaxListpackValue: 64,
  zsetMaxListpackEntries: 128,
  zsetMaxListpackValue: 64,
  activeExpireEnabled: true,
  hz: 10,
});

/** Flags derived from maxmemory-policy, read on every key access. */
export interface PolicyFlags {
  lfu: boolean;
  lru: boolean;
  volatile: boolean;
  random: boolean;
  ttl: boolean;
  noeviction: boolean;
}

export function policyFlags(policy: string): PolicyFlags {
  if (!(MAXMEMORY_POLICIES as readonly string[]).includes(policy)) {
    throw new StoreMisuseError(`unknown maxmemory-policy '${policy}'`);
  }
  return {
    lfu: policy.endsWith('-lfu'),
    lru: policy.endsWith('-lru'),
    volatile: policy.startsWith('volatile-'),
    random: policy.endsWith('-random'),
    ttl: policy === 'volatile-ttl',
    noeviction: policy === 'noeviction',
  };
}

/** A mutable StoreConfig whose maxmemoryPolicy setter refreshes `flags`. */
export class LiveConfig implements StoreConfig {
  databases: number;
  maxmemory: number;
  maxmemorySamples: number;
  lfuLogFactor: number;
  lfuDecayTime: number;
  listMaxListpackSize: number;
  listCompressDepth: number;
  hashMaxListpackEntries: number;
  hashMaxListpackValue: number;
  setMaxIntsetEntries: number;
  setMaxListpackEntries: number;
  setMaxListpackValue: number;
  zsetMaxListpackEntries: number;
  zsetMaxListpackValue: number;
  activeExpireEnabled: boolean;
  hz: number;
  flags: PolicyFlags;
  private policy: string;

  constructor(init: Partial<StoreConfig>) {
    const c = { ...DEFAULT_STORE_CONFIG, ...init };
    this.databases = c.databases;
    this.maxmemory = c.maxmemory;
    this.maxmemorySamples = c.maxmemorySamples;
    this.lfuLogFactor = c.lfuLogFactor;
    this.lfuDecayTime = c.lfuDecayTime;
    this.listMaxListpackSize = c.listMaxListpackSize;
    this.listCompressDepth = c.listCompressDepth;
    this.hashMaxListpackEntries = c.hashMaxListpackEntries;
    this.hashMaxListpackValue = c.hashMaxListpackValue;
    this.setMaxIntsetEntries = c.setMaxIntsetEntries;
    this.setMaxListpackEntries = c.setMaxListpackEntries;
    this.setMaxListpackValue = c.setMaxListpackValue;
    this.zsetMaxListpackEntries = c.zsetMaxListpackEntries;
    this.zsetMaxListpackValue = c.zsetMaxListpackValue;
    this.activeExpireEnabled = c.activeExpireEnabled;
    this.hz = c.hz;
    this.flags = policyFlags(c.maxmemoryPolicy);
    this.policy = c.maxmemoryPolicy;
  }

  get maxmemoryPolicy(): string {
    return this.policy;
  }
  set maxmemoryPolicy(p: string) {
    this.flags = policyFlags(p);
    this.policy = p;
  }
}
