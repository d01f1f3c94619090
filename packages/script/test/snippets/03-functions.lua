local function counter() local n = 0 return function() n = n + 1 return n end end
local c1, c2 = counter(), counter() print(c1(), c1(), c2(), c1())
local fs = {} for i = 1, 3 do local j = i * 10 fs[#fs + 1] = function() return i, j end end
for _, f in ipairs(fs) do print(f()) end
local ws = {} local k = 1 while k <= 3 do local kk = k ws[k] = function() return kk end k = k + 1 end print(ws[1](), ws[2](), ws[3]())
local rs = {} local r = 0 repeat local rr = r rs[#rs + 1] = function() return rr end r = r + 1 until rr >= 2 print(rs[1](), rs[3]())
local function v(...) local a, b = ... return select('#', ...), a, b, ... end
print(v()) print(v(nil)) print(v(1, 2, 3)) print((v(1, 2, 3)))
local function pack(...) return {n = select('#', ...), ...} end
local p = pack(1, nil, 3, nil) print(p.n, p[1], p[2], p[3], #p >= 1)
local function tail(n) if n == 0 then return "done" end return tail(n - 1) end print(tail(1000))
local function multi() return 1, 2 end
print(multi(), multi()) print(({multi(), multi()})[3]) print(#{multi(), nil}) print(#{nil, nil, 3})
local t = {} t.a, t.b, t.c = multi() print(t.a, t.b, t.c)
local x, y = 1 print(x, y) x, y = y, x print(x, y)
local a = {} local i = 1 i, a[i] = i + 1, 20 print(i, a[1], a[2])
local function f(a, b, ...) return a, b, select('#', ...) end print(f(1)) print(f(1, 2, 3, 4))
print(string.format("%s", select(2, "a", "b", "c")))
print(pcall(select, 0, 1)) print(select(-2, "a", "b", "c"))
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end print(deep(5000))
print((function(...) return select('#', ...) end)(unpack({1, nil, 3})))
print(unpack({}, 1, 3)) print(pcall(unpack, {}, 1, 1e7))
local o = {name = "obj"} function o:hello(g) return g .. ", " .. self.name end print(o:hello("hi"), o.hello(o, "yo"))
local s = "abc" print(s:upper(), ("%d"):format(7), s:len(), #s:rep(3, ""))
do local z = 5 print(z) end
print(type(print), type(nil), type({}), type("x"), type(2), type(true))
print(pcall(type))
print(tostring(1e15), tostring(-1e15), tostring(1e-5), tostring(123.456), tostring(0.1 + 0.2), 2^53, 2^63, -2^31)
print(1/0, -1/0, math.huge == 1/0, 3 % math.huge, -3 % math.huge)
