#!/usr/bin/env node
// The `redwing-server` bin: `redwing-server [config-file] [--directive value ...]`, as redis-server.
// Logs in Redis's format, shuts down gracefully on SIGTERM/SIGINT.
import { TlsConfigError } from '@redwing/tls';
import { parseCommandLine } from './config-file.js';
import { RedwingServer } from './server.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '-v' || args[0] === '--version') {
    process.stdout.write('Redwing server v=7.0.15 (Redis-compatible) node=' + process.version + '\n');
    return;
  }
  let server: RedwingServer;
  try {
    const { file, directives } = parseCommandLine(args);
    server = new RedwingServer({ ...(file ? { configFile: file } : {}), directives, onShutdown: () => process.exit(0) });
  } catch (err) {
    process.stderr.write(`\n*** FATAL CONFIG FILE ERROR (Redwing) ***\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  server.log('notice', 'oO0OoO0OoO0Oo Redwing is starting oO0OoO0OoO0Oo');
  server.log('notice', `Redwing version=7.0.15-compatible, node=${process.version}, pid=${process.pid}, just started`);
  try {
    await server.start();
  } catch (err) {
    // a bad TLS certificate/key names the file; anything else is a bind error
    server.log('warning', err instanceof TlsConfigError ? err.message : `Failed listening: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  let shuttingDown = false;
  const shutdown = (sig: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    server.log('warning', `Received ${sig} scheduling shutdown...`);
    server.log('notice', 'User requested shutdown...');
    void server.close().then(() => {
      server.log('warning', 'Redwing is now ready to exit, bye bye...');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
