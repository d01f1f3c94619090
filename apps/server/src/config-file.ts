// The redis.conf format and `redwing-server [config-file] [--directive value ...]` argument syntax:
// one directive per line, arguments split with Redis's quoting rules ("..." with escapes, '...'), `#` comments,
// `include` files. Produces an ordered list of [directive, args] for the config registry to apply.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { splitArgs } from '@redwing/commands';

export interface Directive {
  name: string;
  args: string[];
  /** Where it came from, for error messages: "file:line" or "argv". */
  origin: string;
}

/** Split a config line into arguments as Redis's sdssplitargs does. Returns null on unbalanced quotes. */
export function splitConfigLine(line: string): string[] | null {
  return splitArgs(line);
}

/** Parse config text (redis.conf). `include` is followed relative to `baseDir`. */
export function parseConfigText(text: string, origin = 'config', baseDir = process.cwd(), depth = 0): Directive[] {
  const out: Directive[] = [];
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length; ln++) {
    const line = (lines[ln] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const args = splitConfigLine(line);
    const where = `${origin}:${ln + 1}`;
    if (args === null) throw new ConfigFileError(`Unbalanced quotes in configuration line`, where, line);
    if (args.length === 0) continue;
    const name = args[0]!.toLowerCase();
    if (name === 'include') {
      if (depth > 10) throw new ConfigFileError('include nesting too deep', where, line);
      for (const f of args.slice(1)) {
        const path = resolve(baseDir, f);
        out.push(...parseConfigText(readFileSync(path, 'utf8'), path, dirname(path), depth + 1));
      }
      continue;
    }
    out.push({ name, args: args.slice(1), origin: where });
  }
  return out;
}

/**
 * Command-line: `[config-file] [--directive value ...]`. Options become config lines exactly as Redis does
 * (`--port 7000 --save ""` -> "port 7000\nsave \"\"").
 */
export function parseCommandLine(argv: readonly string[]): { file: string | undefined; directives: Directive[] } {
  let file: string | undefined;
  let i = 0;
  if (argv[0] !== undefined && !argv[0].startsWith('--')) {
    file = argv[0];
    i = 1;
  }
  const directives: Directive[] = [];
  let cur: Directive | undefined;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--') && a.length > 2) {
      cur = { name: a.slice(2).toLowerCase(), args: [], origin: 'argv' };
      directives.push(cur);
    } else if (cur) cur.args.push(a);
    else throw new ConfigFileError(`Invalid argument '${a}'`, 'argv', a);
  }
  return { file, directives };
}

export class ConfigFileError extends Error {
  readonly code = 'ECONFIG';
  constructor(
    message: string,
    readonly where: string,
    readonly line: string,
  ) {
    super(message);
  }
}
