// The common prelude of the XGROUP subcommands (Redis's xgroupCommand): MKSTREAM / ENTRIESREAD options, the key
// lookup, "requires the key to exist" and NOGROUP checks, in Redis's order.
import { ENTRIES_READ_INVALID, type StreamGroup } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { sanitize } from '../errors.js';
import { lookupStream, parseLongOrReply, subcommandSyntaxError, type StreamObject } from './stream-generic.js';

export interface XgroupContext {
  key: string;
  groupName: string;
  o: StreamObject | undefined;
  group: StreamGroup | undefined;
  mkstream: boolean;
  entriesRead: number;
}

/** Null after replying an error. `sub` is the lowercase subcommand name. */
export function xgroupPrelude(c: Client, e: Engine, sub: string): XgroupContext | null {
  const argv = c.argv;
  let mkstream = false;
  let entriesRead = ENTRIES_READ_INVALID;
  for (let i = 5; i < argv.length; ) {
    const a = argv[i]!.toLowerCase();
    if (sub === 'create' && a === 'mkstream') {
      mkstream = true;
      i++;
    } else if ((sub === 'create' || sub === 'setid') && a === 'entriesread' && i + 1 < argv.length) {
      const v = parseLongOrReply(c, e, argv[i + 1]!);
      if (v === null) return null;
      if (v < 0n && v !== -1n) {
        e.replyError(c, 'ERR value for ENTRIESREAD must be positive or -1');
        return null;
      }
      entriesRead = Number(v);
      i += 2;
    } else {
      e.replyError(c, subcommandSyntaxError(c));
      return null;
    }
  }
  const key = argv[2]!;
  const groupName = argv[3]!;
  const o = lookupStream(c, e, key, true);
  if (o === null) return null;
  let group: StreamGroup | undefined;
  if (!mkstream) {
    if (o === undefined) {
      e.replyError(
        c,
        'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
      );
      return null;
    }
    group = o.ptr.getGroup(groupName);
    if (group === undefined && (sub === 'setid' || sub === 'createconsumer' || sub === 'delconsumer')) {
      e.replyError(c, sanitize(`NOGROUP No such consumer group '${groupName}' for key name '${key}'`));
      return null;
    }
  } else if (o !== undefined) group = o.ptr.getGroup(groupName);
  return { key, groupName, o, group, mkstream, entriesRead };
}
