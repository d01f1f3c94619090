local parts = {}
for i = 1, 50000 do parts[#parts + 1] = string.format("%d:%s", i, tostring(i * 3)) end
local joined = table.concat(parts, ",")
local n = 0
for a, b in string.gmatch(joined, "(%d+):(%d+)") do n = n + (tonumber(b) - tonumber(a)) end
local s = string.rep("hello world ", 5000)
local up = s:upper():lower()
local cnt = select(2, string.gsub(up, "o", "0"))
local acc = ""
for i = 1, 5000 do acc = acc .. "x" end
local found = 0
for i = 1, 50000 do if string.find("key:" .. i, "^key:%d+$") then found = found + 1 end end
print(#joined, n, cnt, #acc, found, string.sub(s, 1, 5), string.byte(s, 1))
