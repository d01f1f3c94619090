// CONFIG SET parameter value [parameter value ...]: all pairs are validated first, then applied together; entries
// with a commit (apply) function are committed once per call and a failed commit restores every value.
import type { ConfigEntry } from '../config/registry.js';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';

export const configSetCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  if ((argv.length - 2) % 2 !== 0) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i]!.toLowerCase();
    const entry = e.config.entry(name);
    if (!entry) {
      e.replyError(c, `ERR Unknown option or number of arguments for CONFIG SET - '${argv[i]!}'`);
      return;
    }
    if (seen.has(entry.name)) {
      e.replyError(c, `ERR CONFIG SET failed (possibly related to argument '${name}') - duplicate parameter`);
      return;
    }
    seen.add(entry.name);
    const r = e.config.check(name, argv[i + 1]!);
    if ('error' in r) {
      e.replyError(c, `ERR CONFIG SET failed (possibly related to argument '${name}') - ${r.error}`);
      return;
    }
    pairs.push([name, argv[i + 1]!]);
  }
  const previous: [string, string][] = [];
  for (const [name, value] of pairs) {
    const entry = e.config.entry(name);
    if (entry) previous.push([name, e.config.display(entry)]);
    const err = e.config.set(name, value);
    if (err) {
      e.replyError(c, `ERR CONFIG SET failed (possibly related to argument '${name}') - ${err}`);
      return;
    }
  }
  // apply functions (e.g. a TLS reload): once each; if one fails, restore what this call set and re-apply
  const commits = new Map<NonNullable<ConfigEntry['commit']>, string>();
  for (const [name] of pairs) {
    const fn = e.config.entry(name)?.commit;
    if (fn && !commits.has(fn)) commits.set(fn, name);
  }
  for (const [fn, name] of commits) {
    const err = fn(e);
    if (err !== undefined) {
      for (const [n, v] of previous) e.config.set(n, v, true);
      for (const f of commits.keys()) f(e);
      e.replyError(c, `ERR CONFIG SET failed (possibly related to argument '${name}') - ${err}`);
      return;
    }
  }
  c.reply.simple('OK');
};
