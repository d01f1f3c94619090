// Reads the RESP bytes a command wrote for the scripting client back into the ScriptReply tree that
// @redwing/script converts to Lua values (redis.call). Only complete, well-formed replies written by our own
// ReplyWriter reach this parser, so it is strict and small.
import type { ScriptReply } from '@redwing/script';

export function parseScriptReply(buf: Buffer): ScriptReply {
  const state = { pos: 0 };
  return readOne(buf, state);
}

function line(buf: Buffer, st: { pos: number }): string {
  const end = buf.indexOf(13, st.pos);
  const s = buf.toString('latin1', st.pos + 1, end);
  st.pos = end + 2;
  return s;
}

/**
 * The integer after a type byte (lengths, `:` replies) read from the bytes, without a string; more than 15
 * digits (beyond exact doubles) go through Number() of the text, which rounds correctly.
 */
function int(buf: Buffer, st: { pos: number }): number {
  let p = st.pos + 1;
  let neg = false;
  if (buf[p] === 45) {
    neg = true;
    p++;
  }
  const start = p;
  let n = 0;
  for (let c = buf[p] as number; c !== 13; c = buf[++p] as number) n = n * 10 + (c - 48);
  if (p - start > 15) return Number(line(buf, st));
  st.pos = p + 2;
  return neg ? -n : n;
}

function readOne(buf: Buffer, st: { pos: number }): ScriptReply {
  const type = buf[st.pos];
  switch (type) {
    case 43: // +
      if (buf[st.pos + 1] === 79 && buf[st.pos + 2] === 75 && buf[st.pos + 3] === 13) {
        st.pos += 5; // +OK, the most common status: no string to build
        return { t: 'status', v: 'OK' };
      }
      return { t: 'status', v: line(buf, st) };
    case 45: // -
      return { t: 'error', v: line(buf, st) };
    case 58: // :
      return { t: 'int', v: int(buf, st) };
    case 36: {
      // $
      const n = int(buf, st);
      if (n < 0) return { t: 'null' };
      const v = buf.toString('latin1', st.pos, st.pos + n);
      st.pos += n + 2;
      return { t: 'bulk', v };
    }
    case 61: {
      // = verbatim
      const n = int(buf, st);
      const raw = buf.toString('latin1', st.pos, st.pos + n);
      st.pos += n + 2;
      return { t: 'verbatim', format: raw.slice(0, 3), v: raw.slice(4) };
    }
    case 42: // *
    case 126: // ~
    case 62: {
      // >
      const n = int(buf, st);
      if (n < 0) return { t: 'nullarray' };
      const v: ScriptReply[] = [];
      for (let i = 0; i < n; i++) v.push(readOne(buf, st));
      return type === 126 ? { t: 'set', v } : { t: 'array', v };
    }
    case 37: {
      // % map
      const n = int(buf, st);
      const v: [ScriptReply, ScriptReply][] = [];
      for (let i = 0; i < n; i++) {
        const k = readOne(buf, st);
        v.push([k, readOne(buf, st)]);
      }
      return { t: 'map', v };
    }
    case 95: // _
      line(buf, st);
      return { t: 'null3' };
    case 44: {
      // , double
      const s = line(buf, st);
      return { t: 'double', v: s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s) };
    }
    case 35: // # bool
      return { t: 'bool', v: line(buf, st) === 't' };
    case 40: // ( big number
      return { t: 'bignum', v: line(buf, st) };
    default:
      throw new Error(`unexpected reply byte ${String(type)} at ${st.pos}`);
  }
}
