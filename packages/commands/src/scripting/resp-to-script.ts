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

function readOne(buf: Buffer, st: { pos: number }): ScriptReply {
  const type = buf[st.pos];
  switch (type) {
    case 43: // +
      return { t: 'status', v: line(buf, st) };
    case 45: // -
      return { t: 'error', v: line(buf, st) };
    case 58: // :
      return { t: 'int', v: Number(line(buf, st)) };
    case 36: {
      // $
      const n = Number(line(buf, st));
      if (n < 0) return { t: 'null' };
      const v = buf.toString('latin1', st.pos, st.pos + n);
      st.pos += n + 2;
      return { t: 'bulk', v };
    }
    case 61: {
      // = verbatim
      const n = Number(line(buf, st));
      const raw = buf.toString('latin1', st.pos, st.pos + n);
      st.pos += n + 2;
      return { t: 'verbatim', format: raw.slice(0, 3), v: raw.slice(4) };
    }
    case 42: // *
    case 126: // ~
    case 62: {
      // >
      const n = Number(line(buf, st));
      if (n < 0) return { t: 'nullarray' };
      const v: ScriptReply[] = [];
      for (let i = 0; i < n; i++) v.push(readOne(buf, st));
      return type === 126 ? { t: 'set', v } : { t: 'array', v };
    }
    case 37: {
      // % map
      const n = Number(line(buf, st));
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
