// Subscribe/unsubscribe machinery shared by SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE and their UNSUBSCRIBE forms:
// each (un)subscription is confirmed with a [kind, name, count] push (RESP2 array) as Redis does.
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';

type Kind = 'channel' | 'pattern' | 'shard';

function tables(c: Client, e: Engine, kind: Kind): { mine: Set<string>; all: Map<string, Set<Client>> } {
  if (kind === 'channel') return { mine: c.channels, all: e.pubsub.channels };
  if (kind === 'pattern') return { mine: c.patterns, all: e.pubsub.patterns };
  return { mine: c.shardChannels, all: e.pubsub.shardChannels };
}

function count(c: Client, kind: Kind): number {
  return kind === 'shard' ? c.shardChannels.size : c.channels.size + c.patterns.size;
}

function confirm(c: Client, what: string, name: string | null, n: number): void {
  c.reply.pushHeader(3);
  c.reply.bulk(what);
  if (name === null) c.reply.null();
  else c.reply.bulk(name);
  c.reply.integer(n);
}

export function subscribeGeneric(c: Client, e: Engine, kind: Kind, what: string): void {
  const { mine, all } = tables(c, e, kind);
  for (let i = 1; i < c.argv.length; i++) {
    const name = c.argv[i]!;
    if (!mine.has(name)) {
      mine.add(name);
      let set = all.get(name);
      if (!set) all.set(name, (set = new Set()));
      set.add(c);
    }
    confirm(c, what, name, count(c, kind));
  }
}

export function unsubscribeGeneric(c: Client, e: Engine, kind: Kind, what: string): void {
  const { mine, all } = tables(c, e, kind);
  const names = c.argv.length > 1 ? c.argv.slice(1) : [...mine];
  if (names.length === 0) {
    confirm(c, what, null, count(c, kind));
    return;
  }
  for (const name of names) {
    if (mine.delete(name)) {
      const set = all.get(name);
      if (set) {
        set.delete(c);
        if (set.size === 0) all.delete(name);
      }
    }
    confirm(c, what, name, count(c, kind));
  }
}
