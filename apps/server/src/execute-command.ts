// Running one parsed command for a network client, shared by NetClient (main thread) and RemoteClient (IO threads):
// the engine executes it, then CLIENT REPLY OFF/SKIP drop what it wrote (the flags as they are after the command
// decide: ON's own OK is sent, OFF's is not) and subscribe confirmations held aside are appended.
import { CF, type Client, type Engine } from '@redwing/commands';

export function executeCommand(engine: Engine, c: Client, argv: string[]): void {
  const before = c.reply.length;
  const wasSkip = c.flags & CF.REPLY_SKIP;
  engine.execute(c, argv);
  if (c.flags & (CF.REPLY_OFF | CF.REPLY_SKIP) && c.reply.length > before) c.reply.truncate(before);
  if (c.sidePushes) {
    for (const b of c.sidePushes) c.reply.raw(b);
    c.sidePushes = null;
  }
  if (wasSkip) c.flags &= ~CF.REPLY_SKIP;
  if (c.flags & CF.REPLY_SKIP_NEXT) c.flags = (c.flags & ~CF.REPLY_SKIP_NEXT) | CF.REPLY_SKIP;
}
