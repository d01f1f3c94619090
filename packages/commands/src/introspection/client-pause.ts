// CLIENT PAUSE timeout [WRITE | ALL]: records the pause in pause-state.ts; the dispatch gate enforces it.
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';
import { pauseState } from './pause-state.js';

export const clientPauseCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let type: 'write' | 'all' = 'all';
  if (argv.length === 4) {
    const m = argv[3]!.toLowerCase();
    if (m === 'write') type = 'write';
    else if (m === 'all') type = 'all';
    else {
      e.replyError(c, 'ERR CLIENT PAUSE mode must be WRITE or ALL');
      return;
    }
  }
  const t = parseInt64(argv[2]!);
  if (t === null) {
    e.replyError(c, 'ERR timeout is not an integer or out of range');
    return;
  }
  if (t < 0n) {
    e.replyError(c, 'ERR timeout is negative');
    return;
  }
  const now = Date.now();
  if (t > BigInt(Number.MAX_SAFE_INTEGER - now)) {
    e.replyError(c, 'ERR timeout is out of range');
    return;
  }
  pauseState(e).pause(now + Number(t), type);
  c.reply.simple('OK');
};
