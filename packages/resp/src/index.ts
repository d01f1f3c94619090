// Public entry of @redwing/resp: RESP2/RESP3 request parser, reply parser, reply writer and helpers.

export { ProtocolError, ReplyError } from './errors.js';
export { RequestParser, parseRedisInteger } from './request-parser.js';
export type { RequestParserOptions } from './request-parser.js';
export { ReplyWriter, DeferredLengthError } from './reply-writer.js';
export type { RespVersion, ReplyWriterOptions } from './reply-writer.js';
export { formatDouble } from './format-double.js';
export { encodeCommand } from './encode-command.js';
export { ReplyParser } from './reply-parser.js';
export type { ReplyParserOptions } from './reply-parser.js';
