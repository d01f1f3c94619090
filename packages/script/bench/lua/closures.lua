-- closures and upvalues: counters, adders built in loops, higher-order map/filter/reduce over arrays
local function counter()
  local n = 0
  return function(k) n = n + (k or 1) return n end
end
local total = 0
for i = 1, 60000 do
  local c = counter()
  for j = 1, 20 do c(j) end
  total = total + c(0)
end
local function map(t, f) local r = {} for i = 1, #t do r[i] = f(t[i]) end return r end
local function filter(t, p) local r = {} for i = 1, #t do if p(t[i]) then r[#r + 1] = t[i] end end return r end
local function reduce(t, f, acc) for i = 1, #t do acc = f(acc, t[i]) end return acc end
local xs = {}
for i = 1, 1000 do xs[i] = i end
local acc = 0
for rep = 1, 900 do
  local k = rep % 7
  local ys = map(xs, function(x) return x * k + rep end)
  local zs = filter(ys, function(y) return y % 3 == 0 end)
  acc = acc + reduce(zs, function(a, b) return a + b end, 0)
end
local adders = {}
for i = 1, 100 do adders[i] = function(x) return x + i end end
local s = 0
for rep = 1, 60000 do for i = 1, 100, 9 do s = adders[i](s) end end
print(total, acc, s)
