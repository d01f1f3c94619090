// The HELP subcommand reply shape shared by every container command: a status-line array that starts with
// "<CMD> <subcommand> [<arg> [value] [opt] ...]. Subcommands are:" and ends with the HELP line.
import type { Client } from '../client.js';

export function replyHelp(c: Client, container: string, lines: readonly string[]): void {
  const all = [
    `${container} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`,
    ...lines,
    'HELP',
    '    Prints this help.',
  ];
  c.reply.arrayHeader(all.length);
  for (const l of all) c.reply.simple(l);
}
