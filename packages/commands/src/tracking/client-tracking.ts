// CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX p ...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]: option parsing and
// validation in Redis 7.0's order and with its error texts; the state itself lives in tracking-state.ts.
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { parseInt64 } from '../util/number.js';
import { clientTracking, trackingState } from './tracking-state.js';

export const clientTrackingCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  let redir = 0;
  let bcast = false;
  let optin = false;
  let optout = false;
  let noloop = false;
  const prefixes: string[] = [];
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    const more = argv.length - 1 - j;
    if (opt === 'redirect' && more > 0) {
      j++;
      if (redir !== 0) {
        e.replyError(c, 'ERR A client can only redirect to a single other client');
        return;
      }
      const id = parseInt64(argv[j]!);
      if (id === null) {
        e.replyError(c, Err.NOT_INTEGER);
        return;
      }
      redir = Number(id);
      if (id > BigInt(Number.MAX_SAFE_INTEGER) || id < 0n || !e.clients.has(redir)) {
        e.replyError(c, 'ERR The client ID you want redirect to does not exist');
        return;
      }
    } else if (opt === 'bcast') bcast = true;
    else if (opt === 'optin') optin = true;
    else if (opt === 'optout') optout = true;
    else if (opt === 'noloop') noloop = true;
    else if (opt === 'prefix' && more > 0) prefixes.push(argv[++j]!);
    else {
      e.replyError(c, Err.SYNTAX);
      return;
    }
  }
  const mode = argv[2]!.toLowerCase();
  const s = trackingState(e);
  if (mode === 'on') {
    const t = clientTracking(c);
    if (!bcast && prefixes.length > 0) {
      e.replyError(c, 'ERR PREFIX option requires BCAST mode to be enabled');
      return;
    }
    if (t.on && t.bcast !== bcast) {
      e.replyError(
        c,
        "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
      );
      return;
    }
    if (bcast && (optin || optout)) {
      e.replyError(c, 'ERR OPTIN and OPTOUT are not compatible with BCAST');
      return;
    }
    if (optin && optout) {
      e.replyError(c, "ERR You can't specify both OPTIN mode and OPTOUT mode");
      return;
    }
    if ((optin && t.optout) || (optout && t.optin)) {
      e.replyError(
        c,
        "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
      );
      return;
    }
    if (bcast) {
      for (let i = 0; i < prefixes.length; i++) {
        const p = prefixes[i]!;
        for (const q of t.prefixes) {
          if (overlaps(p, q)) {
            e.replyError(c, `ERR Prefix '${p}' overlaps with an existing prefix '${q}'. Prefixes for a single client must not overlap.`);
            return;
          }
        }
        for (let k = i + 1; k < prefixes.length; k++) {
          const q = prefixes[k]!;
          if (overlaps(p, q)) {
            e.replyError(c, `ERR Prefix '${p}' overlaps with another provided prefix '${q}'. Prefixes for a single client must not overlap.`);
            return;
          }
        }
      }
    }
    s.enable(c, t, redir, { bcast, optin, optout, noloop }, prefixes);
  } else if (mode === 'off') {
    s.disable(c);
  } else {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  c.reply.simple('OK');
};

/** Whether one prefix is a prefix of the other (Redis compares the common length). */
function overlaps(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}
