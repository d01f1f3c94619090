// COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: full names, subcommands included.
import { Err } from '../errors.js';
import type { Command, CommandHandler } from '../types.js';
import { globMatch } from '../util/glob.js';

export const commandListCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let filter: ((cmd: Command) => boolean) | undefined;
  for (let i = 2; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    if (argv[i]!.toLowerCase() === 'filterby' && more === 2) {
      const kind = argv[i + 1]!.toLowerCase();
      const arg = argv[i + 2]!;
      if (kind === 'module') filter = () => false;
      else if (kind === 'aclcat') {
        const cat = arg.toUpperCase();
        filter = (cmd) => (cmd.spec.acl_categories ?? []).includes(cat);
      } else if (kind === 'pattern') filter = (cmd) => globMatch(arg, cmd.declaredName, true);
      else {
        e.replyError(c, Err.SYNTAX);
        return;
      }
      i += 2;
    } else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const names: string[] = [];
  for (const cmd of e.table.all()) if (!filter || filter(cmd)) names.push(cmd.declaredName);
  c.reply.arrayHeader(names.length);
  for (const n of names) c.reply.bulk(n);
};
