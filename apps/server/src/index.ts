// @redwing/server: the `redwing-server` composition of every package, and startServer() for in-process use.
export { RedwingServer, startServer, ConfigError, type ServerOptions } from './server.js';
export { parseConfigText, parseCommandLine, splitConfigLine, ConfigFileError, type Directive } from './config-file.js';
export { Logger, type LogLevel } from './logger.js';
