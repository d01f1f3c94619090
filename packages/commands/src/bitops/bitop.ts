// BITOP AND|OR|XOR|NOT destkey key [key ...]: bitwise operation over strings (missing keys and short strings are
// zero padded); the result is stored in destkey, which is deleted when the result is empty. Replies its length.
import { ObjType } from '@redwing/store';
import type { CommandHandler } from '../types.js';
import { Err } from '../errors.js';
import { keyChanged } from '../util/lookup.js';
import { storeBitmap } from './bitops-generic.js';

const AND = 0;
const OR = 1;
const XOR = 2;
const NOT = 3;

export const bitopCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const opName = argv[1]!.toLowerCase();
  const op = opName === 'and' ? AND : opName === 'or' ? OR : opName === 'xor' ? XOR : opName === 'not' ? NOT : -1;
  if (op < 0) {
    e.replyError(c, Err.SYNTAX);
    return;
  }
  if (op === NOT && argv.length !== 4) {
    e.replyError(c, 'ERR BITOP NOT must be called with a single source key.');
    return;
  }
  const dest = argv[2]!;
  const srcs: string[] = [];
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const o = c.db.lookupRead(argv[j]!);
    if (o === undefined) {
      srcs.push('');
      continue;
    }
    if (o.type !== ObjType.STRING) {
      e.replyError(c, Err.WRONGTYPE);
      return;
    }
    const s = o.ptr as string;
    srcs.push(s);
    if (s.length > maxlen) maxlen = s.length;
  }

  if (maxlen === 0) {
    if (c.db.delete(dest)) keyChanged(c, e, dest, 'g', 'del');
    c.reply.integer(0);
    return;
  }

  const res = Buffer.alloc(maxlen);
  const first = srcs[0]!;
  res.write(first, 0, 'latin1');
  if (op === NOT) {
    for (let i = 0; i < maxlen; i++) res[i] = ~res[i]! & 0xff;
  } else {
    for (let k = 1; k < srcs.length; k++) {
      const s = srcs[k]!;
      const n = s.length;
      if (op === AND) {
        for (let i = 0; i < n; i++) res[i] = res[i]! & s.charCodeAt(i);
        res.fill(0, n);
      } else if (op === OR) {
        for (let i = 0; i < n; i++) res[i] = res[i]! | s.charCodeAt(i);
      } else {
        for (let i = 0; i < n; i++) res[i] = res[i]! ^ s.charCodeAt(i);
      }
    }
  }
  storeBitmap(c, dest, res.toString('latin1'), false);
  keyChanged(c, e, dest, '$', 'set');
  c.reply.integer(maxlen);
};
