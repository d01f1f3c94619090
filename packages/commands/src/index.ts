// @redwing/commands: the Redis command table, the dispatch gate and the handlers, runnable with no network.
export { Engine, createEngine, type EngineHost, type EngineOptions } from './engine.js';
export { Client, CF, type ClientConnInfo, type ClientHost, type QueuedCommand } from './client.js';
export { CommandTable, legacyRange } from './table.js';
export { ConfigRegistry, parseMemory, type ConfigEntry, type ConfigType } from './config/registry.js';
export { Err, wrongArity, unknownCommand, unknownSubcommand } from './errors.js';
export { genInfo, type InfoFields, type InfoProvider } from './server/info.js';
export { globMatch } from './util/glob.js';
export { splitArgs, quoteRepr } from './util/split-args.js';
export { parseInt64, parseIntNum, parseFloatStrict, formatG, formatG17 } from './util/number.js';
export { REDIS_VERSION } from './connection/hello.js';
export { CMD, type Command, type CommandFlag, type CommandHandler, type CommandSpec, type KeySpec } from './types.js';
