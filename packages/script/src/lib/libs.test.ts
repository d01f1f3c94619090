// cjson, bit, struct and cmsgpack inside RedisLua; expected values are what real Redis 7.0 returns for the
// same scripts.
import { describe, expect, it } from 'vitest';
import type { LuaHost } from '../redis/api.js';
import type { ScriptReply } from '../redis/reply.js';
import { RedisLua } from '../redis/scripting.js';

const host: LuaHost = { call: () => ({ t: 'null' }), log() {}, setresp() {}, setRepl() {}, aclCheckCmd: () => true };
const rl = new RedisLua(host);

function run(src: string): ScriptReply {
  const f = rl.compile(src);
  if (typeof f !== 'function') throw new Error(f.error);
  return rl.runEval(f, [], [], 'sha');
}
function bulk(src: string): string {
  const r = run(src);
  if (r.t !== 'bulk') throw new Error(JSON.stringify(r));
  return r.v;
}
function ints(src: string): number[] {
  const r = run(src);
  if (r.t !== 'array') throw new Error(JSON.stringify(r));
  return r.v.map((x) => (x.t === 'int' ? x.v : NaN));
}
function err(src: string): string {
  const r = run(src);
  if (r.t !== 'error') throw new Error(JSON.stringify(r));
  return r.v.replace(/ script: .*$/, '');
}

describe('cjson', () => {
  it('encodes as lua-cjson', () => {
    expect(bulk(`return cjson.encode({1,2,'a/b',true,{x=1.5}, 'q"\\\\\\n\\1\\127'})`)).toBe('[1,2,"a\\/b",true,{"x":1.5},"q\\"\\\\\\n\\u0001\\u007f"]');
    expect(bulk('return cjson.encode({})')).toBe('{}');
    expect(bulk('return cjson.encode({[1]=1,[3]=3})')).toBe('[1,null,3]');
    expect(bulk('return cjson.encode({[1.5]=1})')).toBe('{"1.5":1}');
    expect(bulk('return cjson.encode(-0.0) .. cjson.encode(100) .. cjson.encode(0.1) .. cjson.encode(2^53) .. cjson.encode(cjson.null)')).toBe(
      '-01000.19.007199254741e+15null',
    );
    expect(err('return cjson.encode({[1]=1,[2]=2,[20]=3})')).toBe('ERR user_script:1: Cannot serialise table: excessively sparse array');
    expect(err('return cjson.encode(0/0)')).toBe('ERR user_script:1: Cannot serialise number: must not be NaN or Inf');
    // encode_invalid_numbers: texts as real Redis 7.0.15 prints them (the setting stays for later scripts)
    expect(bulk('cjson.encode_invalid_numbers(true) return cjson.encode({-1/0, 0/0, 1/0})')).toBe('[-inf,nan,inf]');
    expect(bulk("cjson.encode_invalid_numbers('null') return cjson.encode({-1/0, 0/0})")).toBe('[null,null]');
    expect(err('cjson.encode_invalid_numbers(false) return cjson.encode(1/0)')).toBe('ERR user_script:1: Cannot serialise number: must not be NaN or Inf');
    expect(err('return cjson.encode({[true]=1})')).toBe('ERR user_script:1: Cannot serialise boolean: table key must be a number or string');
  });
  it('decodes as lua-cjson', () => {
    expect(ints(`local t = cjson.decode('[1,2,{"a":null}]') return {t[1], t[2], t[3].a == cjson.null and 1 or 0}`)).toEqual([1, 2, 1]);
    expect(bulk(`return cjson.decode('"\\\\u00e9\\\\ud83d\\\\ude00"')`)).toBe('\xc3\xa9\xf0\x9f\x98\x80');
    expect(ints(`return {cjson.decode('  12.5e1 '), cjson.decode('0x10'), cjson.decode('01')}`)).toEqual([125, 16, 1]);
    expect(err(`return cjson.decode('{"a":1')`)).toBe('ERR user_script:1: Expected comma or object end but found T_END at character 7');
    expect(err(`return cjson.decode('[1,]')`)).toBe('ERR user_script:1: Expected value but found T_ARR_END at character 4');
    expect(err(`return cjson.decode('x')`)).toBe('ERR user_script:1: Expected value but found invalid token at character 1');
    expect(err(`return cjson.decode('')`)).toBe('ERR user_script:1: Expected value but found T_END at character 1');
    expect(err(`return cjson.decode('"\\\\x"')`)).toBe('ERR user_script:1: Expected value but found invalid escape code at character 2');
    expect(bulk('return tostring(cjson.null)')).toBe('userdata: (nil)');
  });
});

describe('bit', () => {
  it('follows LuaBitOp', () => {
    expect(
      ints(
        'return {bit.tobit(2^32+5), bit.tobit(1.5), bit.tobit(2.5), bit.tobit(-1.5), bit.band(0xff, 0x0f), bit.bor(1,2,4), bit.bxor(5,3), bit.bnot(0), bit.lshift(1, 31), bit.rshift(-1, 28), bit.arshift(-256, 4), bit.rol(0x12345678, 8), bit.ror(0x12345678, 8), bit.bswap(0x12345678)}',
      ),
    ).toEqual([5, 2, 2, -2, 15, 7, 6, -1, -2147483648, 15, -16, 878082066, 2014458966, 2018915346]);
    expect(bulk("return bit.tohex(255) .. ' ' .. bit.tohex(-1, -4) .. ' ' .. bit.tohex(0x1234, 2) .. ' ' .. bit.tohex(1, 10)")).toBe('000000ff FFFF 34 00000001');
  });
});

describe('struct', () => {
  it('packs and unpacks', () => {
    expect(bulk("return struct.pack('>I2i4bB', 258, -2, -1, 255)")).toBe('\x01\x02\xff\xff\xff\xfe\xff\xff');
    expect(ints("return {struct.unpack('>I2i4bB', struct.pack('>I2i4bB', 258, -2, -1, 255))}")).toEqual([258, -2, -1, 255, 9]);
    expect(ints("return {struct.size('>!4bi'), struct.size('i8d'), struct.pack('!4bi', 1, 2):len()}")).toEqual([8, 16, 8]);
    expect(err("return struct.pack('q', 1)")).toBe("ERR user_script:1: bad argument #1 to 'pack' (invalid format option 'q')");
    expect(err("return struct.unpack('i', 'ab')")).toBe("ERR user_script:1: bad argument #2 to 'unpack' (data string too short)");
  });
});

describe('cmsgpack', () => {
  it('packs like lua-cmsgpack and round-trips', () => {
    expect(ints("return {cmsgpack.pack({1,2,3}, 'abc', -1, 1.5, 0.1, 2^40, -2^40, {a=1}, true, nil, 300, -300):byte(1, -1)}")).toEqual([
      147, 1, 2, 3, 163, 97, 98, 99, 255, 202, 63, 192, 0, 0, 203, 63, 185, 153, 153, 153, 153, 153, 154, 207, 0, 0, 1, 0, 0, 0, 0, 0, 211,
      255, 255, 255, 0, 0, 0, 0, 0, 129, 161, 97, 1, 195, 192, 205, 1, 44, 209, 254, 212,
    ]);
    expect(ints('return {cmsgpack.unpack_limit(cmsgpack.pack(1, 2, 3), 2, 0)}')).toEqual([2, 1, 2]);
    expect(err("return cmsgpack.unpack('\\205')")).toBe('ERR user_script:1: Missing bytes in input.');
    expect(err("return {cmsgpack.unpack('\\193')}")).toBe('ERR user_script:1: Bad data format in input.');
  });
});
