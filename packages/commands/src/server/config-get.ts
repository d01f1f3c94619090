// CONFIG GET pattern [pattern ...]: a map of matching directives (aliases answer exact lookups).
import type { CommandHandler } from '../types.js';

export const configGetCommand: CommandHandler = (c, e) => {
  const seen = new Map<string, string>();
  for (let i = 2; i < c.argv.length; i++) {
    for (const [name, value] of e.config.getMatching(c.argv[i]!)) if (!seen.has(name)) seen.set(name, value);
  }
  c.reply.mapHeader(seen.size);
  for (const [name, value] of seen) {
    c.reply.bulk(name);
    c.reply.bulk(value);
  }
};
