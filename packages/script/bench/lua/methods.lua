local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
function Point:len2() return self.x * self.x + self.y * self.y end
local acc = Point.new(0, 0)
for i = 1, 500000 do acc = acc:add(Point.new(1, 2)) end
local function sum(...) local s = 0 for i = 1, select('#', ...) do s = s + select(i, ...) end return s end
local t = 0
for i = 1, 200000 do t = t + sum(i, 2, 3, 4) end
local ok = 0
for i = 1, 200000 do if pcall(function() return i end) then ok = ok + 1 end end
print(acc:len2(), t, ok)
