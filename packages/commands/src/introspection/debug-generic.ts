// Helpers of DEBUG: the PROTOCOL test replies (one of each RESP3 type, as Redis's debug.c sends them) and a
// rough serialized-length figure for DEBUG OBJECT.
import { ObjType, objectMemory, type RObject } from '@redwing/store';
import type { Client } from '../client.js';
import type { Engine } from '../engine.js';

export function serializedLength(o: RObject): number {
  if (o.type === ObjType.STRING) return (o.ptr as string).length + 1;
  return objectMemory(o);
}

export function debugProtocol(c: Client, e: Engine, name: string): void {
  const r = c.reply;
  switch (name) {
    case 'string':
      r.bulk('Hello World');
      return;
    case 'integer':
      r.integer(12345);
      return;
    case 'double':
      r.double(3.141);
      return;
    case 'bignum':
      r.bigNumber('1234567999999999999999999999999999999');
      return;
    case 'null':
      r.null();
      return;
    case 'array':
      r.arrayHeader(3);
      for (let j = 0; j < 3; j++) r.integer(j);
      return;
    case 'set':
      r.setHeader(3);
      for (let j = 0; j < 3; j++) r.integer(j);
      return;
    case 'map':
      r.mapHeader(3);
      for (let j = 0; j < 3; j++) {
        r.integer(j);
        r.boolean(j === 1);
      }
      return;
    case 'attrib':
      if (c.resp >= 3) {
        r.attributeHeader(1);
        r.bulk('key-popularity');
        r.arrayHeader(2);
        r.bulk('key:123');
        r.integer(90);
      }
      r.bulk('Some real reply following the attribute');
      return;
    case 'push':
      if (c.resp < 3) {
        e.replyError(c, 'ERR RESP2 is not supported by this command');
        return;
      }
      r.pushHeader(2);
      r.bulk('server-cpu-usage');
      r.integer(42);
      r.bulk('Some real reply following the push reply');
      return;
    case 'true':
      r.boolean(true);
      return;
    case 'false':
      r.boolean(false);
      return;
    case 'verbatim':
      r.verbatim('This is a verbatim\nstring', 'txt');
      return;
    default:
      e.replyError(
        c,
        'ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false',
      );
  }
}
