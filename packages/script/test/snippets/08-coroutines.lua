local function gen(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i * i) end return "end" end) end
local g = gen(3) print(g()) print(g()) print(g()) print(g()) print(pcall(g))
local co = coroutine.create(function(...) print("start", ...) local x = coroutine.yield(1) print("got", x) local y, z = coroutine.yield(2, 3) print("got2", y, z) return "fin" end)
print(coroutine.status(co)) print(coroutine.resume(co, "a", "b")) print(coroutine.status(co)) print(coroutine.resume(co, "X"))
print(coroutine.resume(co, "Y", "Z")) print(coroutine.status(co)) print(coroutine.resume(co))
local bad = coroutine.create(function() error("inside") end) print(coroutine.resume(bad)) print(coroutine.status(bad))
local bad2 = coroutine.create(function() error({}) end) print(type(select(2, coroutine.resume(bad2))))
print(coroutine.running()) local inner = coroutine.create(function() return coroutine.running() ~= nil, coroutine.status(coroutine.running()) end) print(coroutine.resume(inner))
print(pcall(coroutine.yield, 1))
local nested = coroutine.wrap(function() local iw = coroutine.wrap(function() coroutine.yield("a") coroutine.yield("b") end) coroutine.yield(iw() .. iw()) coroutine.yield("c") end)
print(nested(), nested())
local function producer() return coroutine.create(function() for _, v in ipairs({"x", "y", "z"}) do coroutine.yield(v) end end) end
local p = producer() local acc = {} while true do local ok, v = coroutine.resume(p) if not v then break end acc[#acc + 1] = v end print(table.concat(acc))
local obj = {n = 0} function obj:step() self.n = self.n + 1 coroutine.yield(self.n) return self:step() end
local stepper = coroutine.wrap(function() obj:step() end) print(stepper(), stepper(), stepper())
local across = coroutine.create(function() local ok, e = pcall(coroutine.yield, 1) return ok, e end) print(coroutine.resume(across))
local sorted = coroutine.create(function() table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end) print(coroutine.resume(sorted))
for v in coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end) do io = nil print("for", v) end
local varco = coroutine.wrap(function(...) local n = select('#', ...) local a = {coroutine.yield(n)} return #a end) print(varco(1, 2, 3), varco(nil, nil))
print(type(coroutine.create(function() end)))
