local Base = {} Base.__index = Base
function Base.new(x) local o = setmetatable({}, Base) o.x = x return o end
function Base:get() return self.x end
local Derived = setmetatable({}, {__index = Base}) Derived.__index = Derived
function Derived.new(x, y) local o = Base.new(x) setmetatable(o, Derived) o.y = y return o end
function Derived:sum() return self:get() + self.y end
local d = Derived.new(3, 4) print(d:sum(), d:get(), rawget(d, "get"))
local log = {}
local proxy = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k rawset(t, k, v * 2) end})
proxy.a = 1 proxy.b = 2 proxy.a = 10 print(proxy.a, proxy.b, table.concat(log, ","))
local store = {} local p2 = setmetatable({}, {__newindex = store, __index = store}) p2.q = 5 print(rawget(p2, "q"), store.q, p2.q)
local V = {} V.__index = V
V.__add = function(a, b) return setmetatable({v = a.v + b.v}, V) end
V.__sub = function(a, b) return setmetatable({v = a.v - b.v}, V) end
V.__mul = function(a, b) if type(b) == "number" then return setmetatable({v = a.v * b}, V) end return a.v * b.v end
V.__div = function(a, b) return "div" end V.__mod = function() return "mod" end V.__pow = function() return "pow" end
V.__unm = function(a) return setmetatable({v = -a.v}, V) end
V.__eq = function(a, b) return a.v == b.v end
V.__lt = function(a, b) return a.v < b.v end
V.__le = function(a, b) return a.v <= b.v end
V.__concat = function(a, b) return (type(a) == "table" and a.v or a) .. "&" .. (type(b) == "table" and b.v or b) end
V.__tostring = function(a) return "V(" .. a.v .. ")" end
V.__call = function(self, a, b) return self.v + a + b end
local a, b = setmetatable({v = 2}, V), setmetatable({v = 5}, V)
print(tostring(a + b), tostring(a - b), a * 3 and tostring(a * 3), a * b, a / b, a % b, a ^ b, tostring(-a))
print(a == b, a ~= b, a < b, a > b, a <= b, a >= b, a .. b, a .. "s", "s" .. a, 1 .. a, a(1, 2))
local c = setmetatable({v = 2}, V) print(a == c, rawequal(a, c))
local only_lt = setmetatable({}, {__lt = function() return true end})
print(pcall(function() return only_lt <= only_lt end))
local chain = setmetatable({}, {__index = setmetatable({}, {__index = setmetatable({}, {__index = function(t, k) return "deep " .. k end})})})
print(chain.z)
print(getmetatable(setmetatable({}, {__metatable = false})))
local t = setmetatable({}, {__index = function(t, k) return k * 2 end}) print(t[21], t[1.5])
print(pcall(function() local x = setmetatable({}, {__index = function() error("idx err") end}) return x.y end))
local cnt = setmetatable({}, {__len = function() return 42 end}) print(#cnt)
print(pcall(function() return {} .. "x" end))
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} == {} end), {} ~= {})
print(select('#', setmetatable({}, {__call = function(...) return ... end})(1, 2)))
