// Public API of @redwing/script: a Lua 5.1 engine compiled to JavaScript, with Redis's libraries and sandbox.
export { LuaEngine, type LuaEngineOptions, type LuaLibrary, type ResumableRun } from './engine.js';
export { type BudgetOptions } from './runtime.js';
export {
  Coroutine,
  LuaAbort,
  LuaError,
  LuaTable,
  NONE,
  type LuaFunction,
  type LuaGenFunction,
  withGen,
  first,
  results,
  numberToString,
  strToNumber,
  typeName,
} from './value.js';
export { parseChunk, chunkId } from './parser.js';
export { RedisLua, type RedisLuaOptions, type ResumableScript, scriptErrorText } from './redis/scripting.js';
export { FunctionLoader, type RegisteredFunction } from './redis/functions.js';
export { type LuaHost, type RedisApiOptions, installRedisApi, sha1hex } from './redis/api.js';
export { type ScriptReply, errorTable, luaToArg, luaToReply, replyToLua } from './redis/reply.js';
export { installBase } from './lib/base.js';
export { installString } from './lib/string.js';
export { installTable } from './lib/table.js';
export { installMath } from './lib/math.js';
export { installOs } from './lib/os.js';
export { installCoroutine } from './lib/coroutine.js';
export { installBit } from './lib/bit.js';
export { installCjson, CJSON_NULL } from './lib/cjson.js';
export { installStruct } from './lib/struct.js';
export { installCmsgpack } from './lib/cmsgpack.js';
