// The error a malformed RDB payload raises while it is decoded (RESTORE answers "ERR Bad data format").
export class RdbFormatError extends Error {
  readonly code = 'ERDBFORMAT';
}
