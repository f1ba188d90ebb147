-- Runs one Argo CD resource customization script (health.lua, discovery.lua or an action.lua) the way Argo CD runs
-- it, and prints what it returns as JSON. Argo CD uses gopher-lua (Lua 5.1) with only the base, table and a safe
-- os library open and the object in the global `obj`; here the script runs in an environment with just those, and
-- strings lose their methods (no string library there), so a script that would fail in Argo CD fails here too.
-- Usage: lua5.1 run-customization.lua <script.lua> <object.lua>   (object.lua: `return { ... }`, the object)
local scriptPath, objectPath = arg[1], arg[2]
local object = dofile(objectPath)
local script = assert(loadfile(scriptPath))

local sandbox = {}
for _, name in ipairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "print", "rawequal", "rawget",
  "rawset", "select", "setmetatable", "getmetatable", "tonumber", "tostring", "type", "unpack", "xpcall", "_VERSION" }) do
  sandbox[name] = _G[name]
end
sandbox.table = { concat = table.concat, insert = table.insert, remove = table.remove, sort = table.sort, getn = table.getn, maxn = table.maxn }
sandbox.os = { time = os.time, date = os.date, clock = os.clock }
sandbox._G = sandbox
sandbox.obj = object
setfenv(script, sandbox)

local stringMethods = getmetatable("").__index
getmetatable("").__index = nil
local ok, result = pcall(script)
getmetatable("").__index = stringMethods
if not ok then
  io.stderr:write(tostring(result), "\n")
  os.exit(2)
end

local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

-- Tables with keys 1..n are arrays; an empty table is written as {} (Lua cannot tell [] from {}; Argo CD has the
-- same ambiguity and the test compares them as equal).
local function encode(value)
  local kind = type(value)
  if kind == "nil" then
    return "null"
  elseif kind == "boolean" then
    return tostring(value)
  elseif kind == "number" then
    if value == math.floor(value) and math.abs(value) < 2 ^ 53 then
      return string.format("%d", value)
    end
    return string.format("%.17g", value)
  elseif kind == "string" then
    return quote(value)
  elseif kind == "table" then
    local count, keys = 0, {}
    for key in pairs(value) do
      count = count + 1
      keys[#keys + 1] = key
    end
    if count > 0 and count == #value then
      local items = {}
      for i = 1, #value do
        items[i] = encode(value[i])
      end
      return "[" .. table.concat(items, ",") .. "]"
    end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    local members = {}
    for _, key in ipairs(keys) do
      if type(key) ~= "string" then
        error("cannot encode a table with a " .. type(key) .. " key as a JSON object")
      end
      members[#members + 1] = quote(key) .. ":" .. encode(value[key])
    end
    return "{" .. table.concat(members, ",") .. "}"
  end
  error("cannot encode a " .. kind .. " as JSON")
end

io.write(encode(result), "\n")
