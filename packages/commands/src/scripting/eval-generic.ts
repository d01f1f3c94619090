// EVAL, EVALSHA and their _RO forms: argument checks (numkeys), script lookup/compilation, then the run.
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { Err } from '../errors.js';
import { parseIntNum } from '../util/number.js';

export function evalGeneric(c: Client, e: Engine, bySha: boolean, readOnly: boolean): void {
  const argv = c.argv;
  const numkeys = parseIntNum(argv[2]!);
  if (numkeys === null) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  if (numkeys > argv.length - 3) {
    e.replyError(c, "ERR Number of keys can't be greater than number of args");
    return;
  }
  if (numkeys < 0) {
    e.replyError(c, "ERR Number of keys can't be negative");
    return;
  }
  const s = e.scripting;
  let sha: string;
  let entry;
  if (bySha) {
    sha = argv[1]!.toLowerCase();
    entry = s.scripts.get(sha);
    if (!entry) {
      e.replyError(c, Err.NO_SCRIPT);
      return;
    }
  } else {
    const r = s.load(argv[1]!);
    if ('error' in r) {
      e.replyError(c, r.error);
      return;
    }
    sha = r.sha;
    entry = r.entry;
  }
  const keys = argv.slice(3, 3 + numkeys);
  const args = argv.slice(3 + numkeys);
  s.exec(c, sha, entry, keys, args, readOnly);
}
