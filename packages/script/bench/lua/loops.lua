local s = 0
for i = 1, 10000000 do
  if i % 3 == 0 then s = s + i * 2 else s = s - 1 end
end
local j, x = 0, 0.5
while j < 4000000 do j = j + 1; x = x * 1.0000001 + 0.1 end
print(s, string.format("%.6f", x))
