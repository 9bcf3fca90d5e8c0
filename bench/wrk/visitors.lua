-- Simulated visitors, shared by the harvest and the POST scripts.
--
-- A visitor GETs a page without any cookie, takes the set CSRF cookie and the page's POST form
-- as rendered (every input with its rendered value, the selected option, ticked boxes only,
-- the button), fills in what a person types, and later POSTs exactly that with its own
-- cookie: no token is ever shared between visitors or sent twice.
local M = {}

local entities = { ["&amp;"] = "&", ["&lt;"] = "<", ["&gt;"] = ">", ["&quot;"] = '"', ["&#x27;"] = "'", ["&#39;"] = "'" }

local function unescape(s)
  return (s:gsub("&[#%w]+;", function(e) return entities[e] or e end))
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function attr(tag, name)
  return tag:match("%s" .. name .. '="([^"]*)"')
end

-- The first POST form of the page: its action and its fields, in document order.
function M.parse_form(body)
  local s = body:find('<form method="post"', 1, true)
  if not s then return nil end
  local e = body:find("</form>", s, true)
  if not e then return nil end
  local form = body:sub(s, e)
  local action = unescape(attr(form, "action") or "")
  local fields = {}
  local pos = 1
  while true do
    local a, b, tagname = form:find("<(%a+)", pos)
    if not a then break end
    local close = form:find(">", b, true)
    local tag = form:sub(a, close)
    pos = close + 1
    local name = attr(tag, "name")
    if tagname == "input" and name then
      local kind = attr(tag, "type") or "text"
      if kind == "checkbox" or kind == "radio" then
        if tag:find("%schecked[%s>]") then
          table.insert(fields, { name, unescape(attr(tag, "value") or "on") })
        end
      else
        table.insert(fields, { name, unescape(attr(tag, "value") or "") })
      end
    elseif tagname == "textarea" and name then
      local stop = form:find("</textarea>", pos, true)
      local text = form:sub(pos, stop - 1):gsub("^\r?\n", "")
      table.insert(fields, { name, unescape(text) })
      pos = stop
    elseif tagname == "select" and name then
      local stop = form:find("</select>", pos, true)
      local options = form:sub(pos, stop - 1)
      local value = options:match('<option value="([^"]*)"[^>]-%sselected') or options:match('<option value="([^"]*)"') or ""
      table.insert(fields, { name, unescape(value) })
      pos = stop
    end
  end
  return action, fields
end

-- The urlencoded body: each field as rendered, unless the visitor typed something into it.
function M.encode(fields, typed)
  local parts = {}
  for _, field in ipairs(fields) do
    local value = typed[field[1]]
    if value == nil then value = field[2] end
    table.insert(parts, urlencode(field[1]) .. "=" .. urlencode(value))
  end
  return table.concat(parts, "&")
end

function M.csrf_cookie(headers)
  for key, value in pairs(headers) do
    if key:lower() == "set-cookie" then
      local cookie = value:match("csrftoken=([^;]+)")
      if cookie then return cookie end
    end
  end
  return nil
end

function M.client_ip()
  return string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
end

-- Read the visitors written by harvest.lua ("action\tcookie\tip\tbody" per line) in each
-- of the comma-separated files, keeping this thread's share.
function M.load(files, tid, nthreads)
  local visitors = {}
  local n = 0
  for file in files:gmatch("[^,]+") do
    local handle = io.open(file, "r")
    if handle then
      for line in handle:lines() do
        if n % nthreads == tid - 1 then
          local action, cookie, ip, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
          table.insert(visitors, { action = action, cookie = cookie, ip = ip, body = body })
        end
        n = n + 1
      end
      handle:close()
    end
  end
  return visitors
end

function M.post(visitor)
  return wrk.format("POST", visitor.action, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. visitor.cookie,
    ["X-Real-IP"] = visitor.ip,
  }, visitor.body)
end

return M
