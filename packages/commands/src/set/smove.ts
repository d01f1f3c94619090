// SMOVE source destination member: move a member between sets; 1 when moved (or already in the same set).
import { ObjType, setAdd, type RObject, type SetValue } from '@redwing/store';
import { Err } from '../errors.js';
import type { CommandHandler } from '../types.js';
import { setForAdd } from './set-generic.js';

export const smoveCommand: CommandHandler = (c, e) => {
  const argv = c.argv;
  const srcKey = argv[1]!;
  const dstKey = argv[2]!;
  const member = argv[3]!;
  const db = c.db;
  const src = db.lookupWrite(srcKey);
  const dst = db.lookupWrite(dstKey);
  if (src === undefined) {
    c.reply.integer(0);
    return;
  }
  if (src.type !== ObjType.SET || (dst !== undefined && dst.type !== ObjType.SET)) {
    e.replyError(c, Err.WRONGTYPE);
    return;
  }
  const s = src as RObject<SetValue>;
  if (src === dst) {
    c.reply.integer(s.ptr.has(member) ? 1 : 0);
    return;
  }
  if (!s.ptr.delete(member)) {
    c.reply.integer(0);
    return;
  }
  db.notify('s', 'srem', srcKey);
  if (s.ptr.size === 0) {
    db.delete(srcKey);
    db.notify('g', 'del', srcKey);
  }
  const d = setForAdd(c, dstKey, dst as RObject<SetValue> | undefined, member);
  db.signalModified(srcKey);
  e.dirty++;
  if (setAdd(d, member, e.keyspace.config)) {
    e.dirty++;
    db.signalModified(dstKey);
    db.notify('s', 'sadd', dstKey);
  }
  c.reply.integer(1);
};
