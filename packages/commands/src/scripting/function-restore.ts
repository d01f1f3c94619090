// FUNCTION RESTORE serialized-value [FLUSH | APPEND | REPLACE]
import type { CommandHandler } from '../types.js';

export const functionRestoreCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let policy = 'APPEND';
  if (argv.length > 4) {
    e.replyError(c, `ERR unknown subcommand or wrong number of arguments for '${argv[1]!.slice(0, 128)}'. Try ${argv[0]!.toUpperCase()} HELP.`);
    return;
  }
  if (argv.length === 4) {
    policy = argv[3]!.toUpperCase();
    if (!['FLUSH', 'APPEND', 'REPLACE'].includes(policy)) {
      e.replyError(c, 'ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.');
      return;
    }
  }
  const f = e.functions;
  const codes = f.parseDump(argv[2]!);
  if (codes === null) {
    e.replyError(c, 'ERR DUMP payload version or checksum are wrong');
    return;
  }
  // validate everything first so a failed restore changes nothing
  const savedLibs = [...f.libraries.values()].map((l) => l.code);
  if (policy === 'FLUSH') f.flush();
  for (const code of codes) {
    const r = f.load(code, policy === 'REPLACE', true);
    if ('error' in r) {
      f.flush();
      for (const old of savedLibs) f.load(old, true);
      e.replyError(c, r.error);
      return;
    }
  }
  c.reply.simple('OK');
};
