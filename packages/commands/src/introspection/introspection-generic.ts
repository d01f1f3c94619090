// Shared by the introspection family: the HELP reply shape of container commands with Redis 7.0's exact closing
// line ("    Prints this help."; util/help.ts says "Print", which differs from Redis — reported to the lead).
import type { Client } from '../client.js';

export function replyHelpText(c: Client, container: string, lines: readonly string[]): void {
  c.reply.arrayHeader(lines.length + 3);
  c.reply.simple(`${container} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`);
  for (const l of lines) c.reply.simple(l);
  c.reply.simple('HELP');
  c.reply.simple('    Prints this help.');
}
