local function sieve(n)
  local is = {}
  for i = 2, n do is[i] = true end
  for i = 2, math.floor(math.sqrt(n)) do
    if is[i] then for j = i * i, n, i do is[j] = false end end
  end
  local c = 0
  for i = 2, n do if is[i] then c = c + 1 end end
  return c
end
local total = 0
for r = 1, 10 do total = total + sieve(300000) end
print(total)
