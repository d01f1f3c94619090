-- Lua code called back from library functions and metamethods (these run paused in the resumable test)
local function spin(n) local s = 0 for i = 1, n do s = s + i end return s end
print(pcall(spin, 20)) print(pcall(function() spin(20) error("boom") end))
print(pcall(function() spin(20) error({code = 1}) end))
print(xpcall(function() spin(30) return 1, 2 end, print))
print(xpcall(function() spin(30) error("x") end, function(m) spin(30) return "handled: " .. m end))
print(pcall(pcall, spin, 10)) print(pcall(error)) print(select('#', pcall(function() end)))
local mt = {}
mt.__index = function(t, k) spin(10) return k .. "!" end
mt.__newindex = function(t, k, v) spin(10) rawset(t, k, v * 2) end
mt.__add = function(a, b) spin(10) return 100 end
mt.__sub = function(a, b) return "sub" end
mt.__concat = function(a, b) spin(10) return "cat" end
mt.__eq = function(a, b) spin(10) return true end
mt.__lt = function(a, b) spin(10) return false end
mt.__le = function(a, b) spin(10) return true end
mt.__unm = function(a) spin(10) return "neg" end
mt.__call = function(self, x) spin(10) return "called " .. tostring(x) end
mt.__tostring = function() spin(10) return "T" end
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a.foo, a[1], a + 1, 2 + a, a - b, a .. "x", "x" .. a, a == b, a ~= b, a < b, a <= b, a > b, a >= b, -a, #a)
a.v = 21 print(rawget(a, "v")) a.v = 5 print(rawget(a, "v"))
print(a(7), tostring(a), pcall(a, 8))
local chain = setmetatable({}, {__index = setmetatable({}, {__index = function(_, k) spin(10) return "deep " .. k end})})
print(chain.z)
local t = {5, 3, 9, 1, 7, 2, 8, 6, 4, 10, 15, 12}
table.sort(t, function(x, y) spin(5) return x > y end) print(table.concat(t, " "))
local objs = {} for i = 1, 12 do objs[i] = setmetatable({v = (i * 7) % 13}, {__lt = function(x, y) spin(3) return x.v < y.v end}) end
local lt = getmetatable(objs[1]).__lt for i = 2, 12 do getmetatable(objs[i]).__lt = lt end
table.sort(objs) local vs = {} for i = 1, 12 do vs[i] = objs[i].v end print(table.concat(vs, ","))
print(pcall(table.sort, {3, 1, 2, 5, 4, 9, 8, 7, 6, 10, 12, 11}, function(x, y) spin(3) return true end))
print(string.gsub("hello world from lua", "%w+", function(w) spin(10) return w:upper() end))
print(string.gsub("a b c", "%w", setmetatable({}, {__index = function(_, k) spin(10) return k .. k end})))
print(string.gsub("abc", "%w", function(c) if c == "b" then return false end return "<" .. c .. ">" end))
table.foreachi({"x", "y"}, function(i, v) spin(10) print(i, v) end)
print(table.foreach({k = 1}, function(k, v) spin(10) return k .. v end))
local co = coroutine.wrap(function(n) for i = 1, n do spin(10) coroutine.yield(i) end return "done" end)
print(co(3), co(), co(), co())
local co2 = coroutine.create(function() spin(20) return pcall(coroutine.yield, 1) end)
print(coroutine.resume(co2)) print(coroutine.status(co2))
print(coroutine.resume(coroutine.create(function() local ok, e = pcall(function() spin(20) error("in co") end) return ok, e end)))
print(pcall(coroutine.wrap(function() spin(20) error("wrapped") end)))
local big = {} for i = 1, 20 do big[i] = i end big.x = 1 big.y = 2
for k in pairs(big) do big[k] = nil end print(next(big), #big)
local h = {1, 2, 3} local k = next(h) while k do h[k] = nil k = next(h, k) end print(next(h))
