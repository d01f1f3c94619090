// The catalog of error replies, with Redis 7.0's exact texts (clients match on them).
// This file hard-codes protocol wording on purpose: change a text only to follow Redis.
// Handlers reply with `c.reply.error(Err.X)` or one of the builders below; nothing here throws.

export const Err = {
  SYNTAX: 'ERR syntax error',
  WRONGTYPE: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  NOT_INTEGER: 'ERR value is not an integer or out of range',
  NOT_FLOAT: 'ERR value is not a valid float',
  OVERFLOW: 'ERR increment or decrement would overflow',
  INCR_NAN_INF: 'ERR increment would produce NaN or Infinity',
  NO_SUCH_KEY: 'ERR no such key',
  INDEX_OUT_OF_RANGE: 'ERR index out of range',
  OUT_OF_RANGE_POSITIVE: 'ERR value is out of range, must be positive',
  NOAUTH: 'NOAUTH Authentication required.',
  WRONGPASS: 'WRONGPASS invalid username-password pair or user is disabled.',
  AUTH_NO_PASSWORD:
    'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
  DB_INDEX_OUT_OF_RANGE: 'ERR DB index is out of range',
  INVALID_DB_INDEX: 'ERR invalid DB index',
  SAME_OBJECT: 'ERR source and destination objects are the same',
  OOM: "OOM command not allowed when used memory > 'maxmemory'.",
  MULTI_NESTED: 'ERR MULTI calls can not be nested',
  EXEC_WITHOUT_MULTI: 'ERR EXEC without MULTI',
  DISCARD_WITHOUT_MULTI: 'ERR DISCARD without MULTI',
  WATCH_IN_MULTI: 'ERR WATCH inside MULTI is not allowed',
  EXECABORT: 'EXECABORT Transaction discarded because of previous errors.',
  STRING_TOO_LONG: 'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
  BIT_OFFSET: 'ERR bit offset is not an integer or out of range',
  BIT_VALUE: 'ERR bit is not an integer or out of range',
  TIMEOUT_NOT_FLOAT: 'ERR timeout is not a float or out of range',
  TIMEOUT_NEGATIVE: 'ERR timeout is negative',
  TIMEOUT_OUT_OF_RANGE: 'ERR timeout is out of range',
  NO_SCRIPT: 'NOSCRIPT No matching script. Please use EVAL.',
  BUSY: 'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.',
  LOADING: 'LOADING Redis is loading the dataset in memory',
  READONLY: "READONLY You can't write against a read only replica.",
  NOT_ALLOWED_IN_SUBSCRIBE_CONTEXT: 'ERR Can\'t execute \'%s\': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context',
  INVALID_EXPIRE: "ERR invalid expire time in '%s' command",
  CONFIG_UNKNOWN_SUBCMD: "ERR unknown subcommand '%s'. Try CONFIG HELP.",
} as const;

/** Redis's `ERR wrong number of arguments for 'x' command` (subcommands as `container|sub`). */
export function wrongArity(fullName: string): string {
  return `ERR wrong number of arguments for '${fullName}' command`;
}

/** Redis caps echoed user input at 128 bytes in several error texts. */
function clip(s: string, n = 128): string {
  return s.length > n ? s.slice(0, n) : s;
}

/** `ERR unknown command 'x', with args beginning with: 'a' 'b' ` (note the trailing space after each arg). */
export function unknownCommand(argv: readonly string[]): string {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    const remaining = 128 - args.length;
    args += `'${clip(argv[i] ?? '', remaining)}' `;
  }
  return `ERR unknown command '${clip(sanitize(argv[0] ?? ''))}', with args beginning with: ${sanitize(args)}`;
}

/** `ERR unknown subcommand 'x'. Try CONTAINER HELP.` */
export function unknownSubcommand(sub: string, container: string): string {
  return `ERR unknown subcommand '${clip(sanitize(sub))}'. Try ${container.toUpperCase()} HELP.`;
}

/** Error texts must not carry CR/LF: Redis replaces them with spaces. */
export function sanitize(s: string): string {
  return /[\r\n]/.test(s) ? s.replace(/[\r\n]/g, ' ') : s;
}

export function fmt(template: string, ...args: string[]): string {
  let i = 0;
  return template.replace(/%s/g, () => args[i++] ?? '');
}
