-- string building and parsing typical of Redis scripts: serialize records, split, match fields
local recs = {}
for i = 1, 60000 do
  recs[i] = string.format('{"id":%d,"name":"user%d","score":%.2f}', i, i, i / 7)
end
local blob = table.concat(recs, "\n")
local sum, n = 0, 0
for line in string.gmatch(blob, "[^\n]+") do
  local id, name, score = string.match(line, '"id":(%d+),"name":"(%w+)","score":([%d%.]+)')
  sum = sum + tonumber(id) + tonumber(score)
  if name:sub(1, 4) == "user" then n = n + 1 end
end
local parts = {}
for k, v in string.gmatch("a=1,b=2,c=3,d=4", "(%w+)=(%w+)") do parts[#parts + 1] = k .. v end
print(string.format("%.2f", sum), n, table.concat(parts, ";"))
