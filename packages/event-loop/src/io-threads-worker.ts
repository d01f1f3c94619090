// Starting an IO thread from a module URL. Built code (dist/*.js) starts directly. When the module is TypeScript
// source (tests and typecheck run from src/ through the `@redwing/source` export condition, with no build), the
// worker first registers a small module hook that resolves that condition and `.js` -> `.ts`, and transpiles
// `.ts` files with the project's `typescript` (cached on disk by path, size and mtime, so only a first start pays).
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const LOADER_SOURCE = `
import { readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
const TS_URL = __TS_URL__;
const CACHE = __CACHE__;
let ts = null;
export async function resolve(spec, ctx, next) {
  const conditions = ctx.conditions.includes('@redwing/source') ? ctx.conditions : ['@redwing/source', ...ctx.conditions];
  try {
    return await next(spec, { ...ctx, conditions });
  } catch (err) {
    if (spec.endsWith('.js') && (spec.startsWith('./') || spec.startsWith('../'))) {
      return next(spec.slice(0, -3) + '.ts', { ...ctx, conditions });
    }
    throw err;
  }
}
export async function load(url, ctx, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, ctx);
  const file = fileURLToPath(url);
  const st = await stat(file);
  const key = createHash('sha1').update(file + '\\0' + st.size + '\\0' + st.mtimeMs + '\\0v1').digest('hex');
  const cached = CACHE + '/' + key + '.js';
  try {
    return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true };
  } catch {
    // not cached yet
  }
  if (ts === null) ts = (await import(TS_URL)).default;
  const out = ts.transpileModule(await readFile(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, sourceMap: false },
  });
  try {
    await mkdir(CACHE, { recursive: true });
    const tmp = cached + '.' + process.pid + '.' + Math.random().toString(36).slice(2);
    await writeFile(tmp, out.outputText);
    await (await import('node:fs/promises')).rename(tmp, cached);
  } catch {
    // a read-only or full tmp dir only costs speed
  }
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
`;

const BOOT_SOURCE = `
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';
register('data:text/javascript,' + encodeURIComponent(workerData.__loader), workerData.__entry);
await import(workerData.__entry);
`;

export interface ModuleWorkerOptions {
  /** Passed to the worker as `workerData`. Must be structured-cloneable. */
  workerData: Record<string, unknown>;
  /** Thread name (shows in debuggers and `worker.threadId` logs). */
  name?: string;
  /** Resolve `typescript` from here when the module is source (default: this package). */
  resolveFrom?: string;
}

/** Start a worker thread running the module at `url` (`.js`, or `.ts` source as described above). */
export function startModuleWorker(url: URL, opts: ModuleWorkerOptions): Worker {
  const name = opts.name ?? 'io-thread';
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: opts.workerData, name });
  const req = createRequire(opts.resolveFrom ?? import.meta.url);
  const tsUrl = pathToFileURL(req.resolve('typescript')).href;
  const cache = join(tmpdir(), 'redwing-ts-cache');
  const loader = LOADER_SOURCE.replace('__TS_URL__', JSON.stringify(tsUrl)).replace('__CACHE__', JSON.stringify(cache));
  return new Worker(new URL('data:text/javascript,' + encodeURIComponent(BOOT_SOURCE)), {
    workerData: { ...opts.workerData, __loader: loader, __entry: url.href },
    name,
  });
}
