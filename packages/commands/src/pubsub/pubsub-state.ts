// Pub/sub state: channel and pattern subscriptions (and shard channels), message delivery into subscribers'
// reply buffers (RESP2 arrays or RESP3 pushes), and keyspace notifications (`notify-keyspace-events`).
import type { NotifyClass } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { globMatch } from '../util/glob.js';

export class PubSubState {
  readonly channels = new Map<string, Set<Client>>();
  readonly patterns = new Map<string, Set<Client>>();
  readonly shardChannels = new Map<string, Set<Client>>();
  /** Parsed notify-keyspace-events flags (set by the config registry). */
  notifyFlags = '';

  constructor(private readonly engine: Engine) {}

  /** Deliver a message to channel subscribers and matching pattern subscribers; returns receivers. */
  publish(channel: string, message: string): number {
    let receivers = 0;
    const subs = this.channels.get(channel);
    if (subs) {
      for (const c of subs) {
        c.reply.pushHeader(3);
        c.reply.bulk('message');
        c.reply.bulk(channel);
        c.reply.bulk(message);
        c.host?.wantsFlush?.(c);
        receivers++;
      }
    }
    if (this.patterns.size > 0) {
      for (const [pattern, clients] of this.patterns) {
        if (!globMatch(pattern, channel)) continue;
        for (const c of clients) {
          c.reply.pushHeader(4);
          c.reply.bulk('pmessage');
          c.reply.bulk(pattern);
          c.reply.bulk(channel);
          c.reply.bulk(message);
          c.host?.wantsFlush?.(c);
          receivers++;
        }
      }
    }
    return receivers;
  }

  /** SPUBLISH: deliver to shard-channel subscribers ("smessage"). */
  publishShard(channel: string, message: string): number {
    const subs = this.shardChannels.get(channel);
    if (!subs) return 0;
    for (const c of subs) {
      c.reply.pushHeader(3);
      c.reply.bulk('smessage');
      c.reply.bulk(channel);
      c.reply.bulk(message);
      c.host?.wantsFlush?.(c);
    }
    return subs.size;
  }

  unsubscribeAll(c: Client): void {
    for (const ch of c.channels) this.removeFrom(this.channels, ch, c);
    for (const p of c.patterns) this.removeFrom(this.patterns, p, c);
    for (const s of c.shardChannels) this.removeFrom(this.shardChannels, s, c);
    c.channels.clear();
    c.patterns.clear();
    c.shardChannels.clear();
  }

  private removeFrom(map: Map<string, Set<Client>>, name: string, c: Client): void {
    const set = map.get(name);
    if (!set) return;
    set.delete(c);
    if (set.size === 0) map.delete(name);
  }

  /** Keyspace notification from the store; publishes per notify-keyspace-events. */
  notifyKeyspaceEvent(cls: NotifyClass, event: string, key: string, dbIndex: number): void {
    const flags = this.notifyFlags;
    if (flags === '') return;
    if (!classEnabled(flags, cls)) return;
    if (flags.includes('K')) this.publish(`__keyspace@${dbIndex}__:${key}`, event);
    if (flags.includes('E')) this.publish(`__keyevent@${dbIndex}__:${event}`, key);
    void this.engine;
  }
}

/** Whether event class `cls` is selected by the flags string ('A' is an alias for "g$lshzxet"). */
function classEnabled(flags: string, cls: NotifyClass): boolean {
  if (flags.includes(cls)) return true;
  return flags.includes('A') && 'g$lshzxet'.includes(cls);
}
