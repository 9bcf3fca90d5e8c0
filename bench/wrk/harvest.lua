-- Visitors arriving: GET a page (BENCH_HARVEST_PATH, BENCH_HARVEST_COUNT times in all; or each
-- path of the file BENCH_HARVEST_PATHS once), without cookies, and write each visitor's filled
-- form to BENCH_HARVEST_OUT<thread> for sign.lua / confirm.lua to POST.
package.path = os.getenv("WRK_DIR") .. "/?.lua;" .. package.path
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local visitors = require("visitors")

local paths = {}
local wanted = 0
local made = 0
local sent = 0
local out
local prefix = os.getenv("BENCH_RUN_ID")

local base_init = init
function init(args)
  base_init(args)
  local tid = wrk.thread:get("tid")
  local nthreads = wrk.thread:get("nthreads")
  math.randomseed(os.time() * 100 + tid)
  prefix = prefix .. "-" .. tid
  out = io.open(os.getenv("BENCH_HARVEST_OUT") .. tid, "w")
  local list = os.getenv("BENCH_HARVEST_PATHS")
  if list and list ~= "" then
    local n = 0
    for line in io.lines(list) do
      if n % nthreads == tid - 1 then table.insert(paths, line) end
      n = n + 1
    end
    wanted = #paths
  else
    wanted = math.ceil(tonumber(os.getenv("BENCH_HARVEST_COUNT")) / nthreads)
    local path = os.getenv("BENCH_HARVEST_PATH")
    paths = setmetatable({}, { __index = function() return path end })
  end
end

function request()
  sent = sent + 1
  -- No cookie: every visitor arrives without one and is given its own.
  return wrk.format("GET", paths[math.min(sent, math.max(wanted, 1))],
    { ["X-Real-IP"] = visitors.client_ip() })
end

local base_response = response
function response(status, headers, body)
  base_response(status, headers, body)
  if status ~= 200 or made >= wanted then
    if made >= wanted then wrk.thread:stop() end
    return
  end
  local action, fields = visitors.parse_form(body)
  local cookie = visitors.csrf_cookie(headers)
  if not action or not cookie then return end
  made = made + 1
  local typed = {}
  for _, field in ipairs(fields) do
    if field[1] == "email" then
      -- What a person types into the sign form; the confirmation form has no such fields.
      typed = {
        name = "Bench Visitor " .. made,
        email = "bench-" .. prefix .. "-" .. made .. "@example.org",
        country = "KZ",
        city = "Aktau",
      }
    end
  end
  out:write(action, "\t", cookie, "\t", visitors.client_ip(), "\t",
    visitors.encode(fields, typed), "\n")
  out:flush()
  if made >= wanted then
    out:close()
    wrk.thread:stop()
  end
end
