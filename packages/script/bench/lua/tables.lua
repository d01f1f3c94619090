local t = {}
for i = 1, 1000000 do t[i] = i * 2 end
local s = 0
for rep = 1, 5 do for i = 1, #t do s = s + t[i] end end
local h = {}
for i = 1, 200000 do h["k" .. i] = i end
local c = 0
for k, v in pairs(h) do c = c + v end
for i, v in ipairs(t) do c = c + v end
local objs = {}
for i = 1, 100000 do objs[#objs + 1] = { id = i, name = "n" .. i, score = i % 100 } end
local best = 0
for _, o in ipairs(objs) do if o.score > best then best = o.score end end
table.sort(objs, function(a, b) return a.score < b.score or (a.score == b.score and a.id > b.id) end)
print(s, c, best, objs[1].id)
