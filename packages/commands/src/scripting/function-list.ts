// FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]
import type { CommandHandler } from '../types.js';
import { globMatch } from '../util/glob.js';

export const functionListCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let pattern: string | undefined;
  let withCode = false;
  for (let i = 2; i < argv.length; i++) {
    const opt = argv[i]!.toUpperCase();
    if (opt === 'WITHCODE' && !withCode) withCode = true;
    else if (opt === 'LIBRARYNAME' && pattern === undefined) {
      if (i + 1 >= argv.length) {
        e.replyError(c, 'ERR library name argument was not given');
        return;
      }
      pattern = argv[++i]!;
    } else {
      e.replyError(c, `ERR Unknown argument ${argv[i]!}`);
      return;
    }
  }
  const libs = [...e.functions.libraries.values()].filter((l) => pattern === undefined || globMatch(pattern, l.name));
  const r = c.reply;
  r.arrayHeader(libs.length);
  for (const lib of libs) {
    r.mapHeader(withCode ? 4 : 3);
    r.bulk('library_name');
    r.bulk(lib.name);
    r.bulk('engine');
    r.bulk('LUA');
    r.bulk('functions');
    r.arrayHeader(lib.functions.size);
    for (const f of [...lib.functions.values()].reverse()) {
      r.mapHeader(3);
      r.bulk('name');
      r.bulk(f.name);
      r.bulk('description');
      if (f.description === null) r.null();
      else r.bulk(f.description);
      r.bulk('flags');
      r.setHeader(f.flags.size);
      for (const fl of f.flags) r.bulk(fl);
    }
    if (withCode) {
      r.bulk('library_code');
      r.bulk(lib.code);
    }
  }
};
