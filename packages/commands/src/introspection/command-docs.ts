// COMMAND DOCS [command-name ...]: a map name -> docs (unknown names are left out); all commands without names.
import type { CommandHandler } from '../types.js';
import { replyCommandDocs } from './command-generic.js';

export const commandDocsCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const r = c.reply;
  if (argv.length === 2) {
    r.mapHeader(e.table.commands.size);
    for (const cmd of e.table.commands.values()) {
      r.bulk(cmd.declaredName);
      replyCommandDocs(c, cmd);
    }
    return;
  }
  const found = [];
  for (let i = 2; i < argv.length; i++) {
    const cmd = e.table.byFullName(argv[i]!);
    if (cmd) found.push(cmd);
  }
  r.mapHeader(found.length);
  for (const cmd of found) {
    r.bulk(cmd.declaredName);
    replyCommandDocs(c, cmd);
  }
};
