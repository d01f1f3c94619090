// FUNCTION libraries: loading (`#!lua name=<lib>` shebang, redis.register_function during the load run), the
// function registry used by FCALL, listing, deletion, and DUMP/RESTORE of all libraries. Texts of the errors
// are Redis 7.0's. The load run sees a restricted `redis` table (register_function, log, constants) as Redis's
// function-load environment does; its functions later run with the full API like EVAL scripts.
import type { LuaFunction } from '@redwing/script';
import { createHash } from 'node:crypto';
import type { Engine } from '../engine.js';

export interface LuaFunctionDef {
  name: string;
  fn: LuaFunction;
  flags: Set<string>;
  description: string | null;
  library: string;
}

export interface Library {
  name: string;
  code: string;
  functions: Map<string, LuaFunctionDef>;
}

const NAME_RE = /^[A-Za-z0-9_]+$/;

export class FunctionsState {
  readonly libraries = new Map<string, Library>();
  /** Every registered function by lower-cased name (Redis looks function names up case-insensitively). */
  readonly functions = new Map<string, LuaFunctionDef>();

  constructor(private readonly engine: Engine) {}

  /** FUNCTION LOAD: returns the library name or an error text. */
  load(code: string, replace: boolean, restoring = false): { name: string } | { error: string } {
    if (!code.startsWith('#!')) return { error: 'ERR Missing library metadata' };
    const eol = code.indexOf('\n');
    if (eol < 0) return { error: 'ERR Invalid library metadata' };
    const parts = splitArgs(code.slice(0, eol));
    if (parts === null || parts.length === 0) return { error: 'ERR Invalid library metadata' };
    const engineName = (parts[0] as string).slice(2);
    let name: string | undefined;
    for (const p of parts.slice(1)) {
      if (p.slice(0, 5).toLowerCase() === 'name=') {
        if (name !== undefined) return { error: 'ERR Invalid metadata value, name argument was given multiple times' };
        name = p.slice(5);
      } else return { error: `ERR Invalid metadata value given: ${p}` };
    }
    if (name === undefined) return { error: 'ERR Library name was not given' };
    if (!NAME_RE.test(name))
      return { error: 'ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long' };
    if (engineName.toLowerCase() !== 'lua') return { error: `ERR Engine '${engineName}' not found` };
    const existing = this.libraries.get(name);
    if (existing && !replace) return { error: restoring ? `ERR Library ${name} already exists` : `ERR Library '${name}' already exists` };
    const body = eol < 0 ? '' : '\n' + code.slice(eol + 1);
    const loaded = this.engine.scripting.loadLibrary(body);
    if ('error' in loaded) return { error: `ERR ${loaded.error}` };
    const lib: Library = { name, code, functions: new Map() };
    for (const f of loaded.functions) {
      lib.functions.set(f.name, { name: f.name, fn: f.fn, flags: new Set(f.flags), description: f.description ?? null, library: name });
    }
    if (lib.functions.size === 0) return { error: 'ERR No functions registered' };
    for (const f of lib.functions.keys()) {
      const owner = this.functions.get(f.toLowerCase());
      if (owner && owner.library !== name) return { error: `ERR Function ${f} already exists` };
    }
    if (existing) this.remove(existing.name);
    this.libraries.set(name, lib);
    for (const f of lib.functions.values()) this.functions.set(f.name.toLowerCase(), f);
    return { name };
  }

  /** FCALL's lookup: a function by name, case-insensitively. */
  get(name: string): LuaFunctionDef | undefined {
    return this.functions.get(name.toLowerCase());
  }

  remove(name: string): boolean {
    const lib = this.libraries.get(name);
    if (!lib) return false;
    for (const f of lib.functions.keys()) this.functions.delete(f.toLowerCase());
    this.libraries.delete(name);
    return true;
  }

  flush(): void {
    this.libraries.clear();
    this.functions.clear();
  }

  /** FUNCTION DUMP payload: our own versioned, checksummed format (opaque to clients, as in Redis). */
  dump(): string {
    const body = JSON.stringify([...this.libraries.values()].map((l) => l.code));
    const sum = createHash('sha1').update(body, 'latin1').digest('hex').slice(0, 16);
    return `RWFN1${sum}${body}`;
  }

  parseDump(payload: string): string[] | null {
    if (!payload.startsWith('RWFN1') || payload.length < 21) return null;
    const sum = payload.slice(5, 21);
    const body = payload.slice(21);
    if (createHash('sha1').update(body, 'latin1').digest('hex').slice(0, 16) !== sum) return null;
    try {
      const codes = JSON.parse(body) as unknown;
      if (!Array.isArray(codes)) return null;
      const out: string[] = [];
      for (const c of codes) {
        if (typeof c !== 'string') return null;
        out.push(c);
      }
      return out;
    } catch {
      return null;
    }
  }
}

/** sdssplitargs: words separated by blanks, "..." with C escapes, '...' with \'; null on unbalanced quotes. */
function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  const hex = (c: string): boolean => /^[0-9a-fA-F]$/.test(c);
  for (;;) {
    while (i < n && /[ \n\r\t\v\f\0]/.test(line[i] as string)) i++;
    if (i >= n) return out;
    let cur = '';
    let inq = false;
    let insq = false;
    for (;;) {
      const c = line[i];
      if (inq) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === 'x' && hex(line[i + 2] ?? '') && hex(line[i + 3] ?? '')) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && i + 1 < n) {
          i++;
          const e = line[i] as string;
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          if (i + 1 < n && !/[ \n\r\t\v\f\0]/.test(line[i + 1] as string)) return null;
          inq = false;
          i++;
          break;
        } else cur += c;
      } else if (insq) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (c === "'") {
          if (i + 1 < n && !/[ \n\r\t\v\f\0]/.test(line[i + 1] as string)) return null;
          insq = false;
          i++;
          break;
        } else cur += c;
      } else {
        if (c === undefined || /[ \n\r\t\v\f\0]/.test(c)) break;
        if (c === '"') inq = true;
        else if (c === "'") insq = true;
        else cur += c;
      }
      i++;
    }
    out.push(cur);
  }
}
