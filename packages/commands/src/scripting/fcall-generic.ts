// FCALL and FCALL_RO: find the function, check numkeys, run it with the keys and args tables.
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';
import { parseIntNum } from '../util/number.js';

export function fcallGeneric(c: Client, e: Engine, readOnly: boolean): void {
  const argv = c.argv;
  const f = e.functions.get(argv[1]!);
  if (!f) {
    e.replyError(c, 'ERR Function not found');
    return;
  }
  const numkeys = parseIntNum(argv[2]!);
  if (numkeys === null) {
    e.replyError(c, 'ERR Bad number of keys provided');
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
  const keys = argv.slice(3, 3 + numkeys);
  const args = argv.slice(3 + numkeys);
  const s = e.scripting;
  s.runWith(
    c,
    f.flags,
    readOnly,
    () => s.functionsLua.runFunction(f.fn, keys, args, f.name),
    () => s.resumableFunction(f.fn, keys, args, f.name),
    f.name,
  );
}
