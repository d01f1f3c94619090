// DUMP key: the value in Redis's RDB serialization with version and CRC-64 footer (see rdb/rdb-value.ts), so that
// a real Redis 7.0 can RESTORE it; null when the key does not exist.
import { createDumpPayload } from '../rdb/rdb-value.js';
import type { CommandHandler } from '../types.js';

export const dumpCommand: CommandHandler = (c, e) => {
  const o = c.db.lookupRead(c.argv[1]!);
  if (o === undefined) {
    c.reply.null();
    return;
  }
  c.reply.bulk(createDumpPayload(o, e.config.getBool('rdbcompression')).toString('latin1'));
};
