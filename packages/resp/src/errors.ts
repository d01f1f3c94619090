// Error types of @redwing/resp: ProtocolError for malformed request/reply streams (a value handed to onError,
// carrying Redis's text after "Protocol error: "), and ReplyError, the value a ReplyParser produces for '-' replies
// and RESP3 blob errors ('!').

/** A malformed RESP stream. `message` is Redis's text after "Protocol error: ", e.g. "invalid bulk length". */
export class ProtocolError extends Error {
  readonly code = 'EPROTOCOL';
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** An error reply ("-ERR ...", "-WRONGTYPE ...", or a RESP3 blob error) as a value; `message` is the full text. */
export class ReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplyError';
  }
}
