// Subscribe/unsubscribe machinery shared by SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE and their UNSUBSCRIBE forms:
// each (un)subscription is confirmed with a [kind, name, count] push (RESP2 array) as Redis does.
import { ReplyWriter } from '@redwing/resp';
import { CF, type Client } from '../client.js';
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
  // (un)subscribe confirmations are delivered even under CLIENT REPLY OFF/SKIP, in both protocols (Redis marks
  // them CLIENT_PUSHING): they go to a side buffer the network layer keeps when it drops the command's reply
  const side = (c.flags & (CF.REPLY_OFF | CF.REPLY_SKIP)) !== 0;
  const w = side ? new ReplyWriter({ protocol: c.resp, initialSize: 64 }) : c.reply;
  w.pushHeader(3);
  w.bulk(what);
  if (name === null) w.null();
  else w.bulk(name);
  w.integer(n);
  if (side) (c.sidePushes ??= []).push(w.take());
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
