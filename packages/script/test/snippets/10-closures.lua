local acc = {}
for i = 1, 3 do
  local x = i
  acc[i] = { get = function() return x end, set = function(v) x = v end }
end
acc[1].set(10) print(acc[1].get(), acc[2].get(), acc[3].get())
local function outer() local v = 0 local function inc() v = v + 1 return v end local function get() return v end return inc, get end
local inc, get = outer() inc() inc() print(get())
local fs = {} local i = 1 while i <= 3 do fs[i] = function() return i end i = i + 1 end print(fs[1](), fs[3]())
local ks = {} for k, v in pairs({a = 1}) do ks[1] = function() return k, v end end print(ks[1]())
local function memo(f) local cache = {} return function(n) local c = cache[n] if c == nil then c = f(n) cache[n] = c end return c end end
local fibm fibm = memo(function(n) if n < 2 then return n end return fibm(n - 1) + fibm(n - 2) end) print(fibm(80))
local function varargs(...) local t = {...} return function() return unpack(t) end end print(varargs(1, nil, 3)())
local function shadow() local a = 1 do local a = 2 print(a) end print(a) local a = 3 print(a) end shadow()
local function rec(n) if n > 0 then return rec(n - 1) end return "bottom" end print(rec(100))
local co = {} for i = 1, 2 do co[i] = coroutine and function() return i * 100 end end print(co[1](), co[2]())
local obj = {v = 5} function obj.static(x) return x * 2 end function obj:method(x) return self.v + x end print(obj.static(3), obj:method(3), obj.method(obj, 4))
local nested = {a = {b = {}}} function nested.a.b.f() return "deep fn" end print(nested.a.b.f())
local self = 1 print(self)
