// Directives owned by the network layer, registered into the engine's config registry next to the engine's own:
// listening (bind, port, unixsocket), limits (maxclients, timeout, tcp-keepalive), logging, and accepted-but-inert
// process directives (daemonize, pidfile, dir, ...).
import type { ConfigEntry, Engine } from '@redwing/commands';

const INT_MAX = 2147483647;

export function registerServerConfig(engine: Engine): void {
  const entries: ConfigEntry[] = [
    { name: 'port', type: 'int', default: '6379', min: 0, max: 65535 },
    { name: 'bind', type: 'string', default: '127.0.0.1' },
    { name: 'unixsocket', type: 'string', default: '', immutable: true },
    { name: 'unixsocketperm', type: 'int', default: '0', min: 0, max: 0o777, immutable: true },
    { name: 'protected-mode', type: 'bool', default: 'yes' },
    { name: 'maxclients', type: 'int', default: '10000', min: 1, max: INT_MAX },
    { name: 'timeout', type: 'int', default: '0', min: 0, max: INT_MAX },
    { name: 'tcp-keepalive', type: 'int', default: '300', min: 0, max: INT_MAX },
    { name: 'tcp-backlog', type: 'int', default: '511', min: 0, max: INT_MAX, immutable: true },
    { name: 'loglevel', type: 'enum', default: 'notice', values: ['debug', 'verbose', 'notice', 'warning', 'nothing'] },
    { name: 'logfile', type: 'string', default: '', immutable: true },
    { name: 'daemonize', type: 'bool', default: 'no', immutable: true },
    { name: 'pidfile', type: 'string', default: '', immutable: true },
    { name: 'dir', type: 'string', default: process.cwd() },
    { name: 'syslog-enabled', type: 'bool', default: 'no', immutable: true },
    { name: 'syslog-ident', type: 'string', default: 'redis', immutable: true },
    { name: 'syslog-facility', type: 'string', default: 'local0', immutable: true },
    { name: 'always-show-logo', type: 'bool', default: 'no', immutable: true },
    { name: 'supervised', type: 'string', default: 'no', immutable: true },
    { name: 'socket-mark-id', type: 'int', default: '0', min: 0, max: INT_MAX },
    { name: 'bind-source-addr', type: 'string', default: '' },
    { name: 'replicaof', type: 'string', default: '', aliases: ['slaveof'] },
  ];
  for (const e of entries) engine.config.register(e);
}
