// SELECT index
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseIntNum } from '../util/number.js';

export const selectCommand: CommandHandler = (c, e) => {
  const id = parseIntNum(c.argv[1]!);
  if (id === null || id < -2147483648 || id > 2147483647) {
    e.replyError(c, Err.NOT_INTEGER);
    return;
  }
  if (id < 0 || id >= e.keyspace.dbs.length) {
    e.replyError(c, Err.DB_INDEX_OUT_OF_RANGE);
    return;
  }
  c.db = e.keyspace.db(id);
  c.reply.simple('OK');
};
