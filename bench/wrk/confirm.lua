-- Confirmation POSTs: each thread takes its own share of the pending signatures' tokens,
-- written one per line to BENCH_TOKENS by bench/run.py, and confirms each once.
dofile(os.getenv("WRK_DIR") .. "/report.lua")

local token = os.getenv("BENCH_CSRF_TOKEN")
local cookie = "csrftoken=" .. os.getenv("BENCH_CSRF_COOKIE")
local prefix = os.getenv("BENCH_CONFIRM_PREFIX")
local tokens = {}
local index = 0

local base_init = init
function init(args)
  base_init(args)
  local tid = wrk.thread:get("tid")
  local nthreads = wrk.thread:get("nthreads")
  local line_no = 0
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if line_no % nthreads == tid - 1 then
      table.insert(tokens, line)
    end
    line_no = line_no + 1
  end
end

function request()
  index = index + 1
  -- Past the end of this thread's share, repeat the last one: an idempotent no-op confirm.
  local t = tokens[math.min(index, #tokens)]
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["X-Real-IP"] = string.format("10.9.%d.%d", math.random(0, 255), math.random(1, 254)),
  }
  return wrk.format("POST", prefix .. t .. "/", headers, "csrfmiddlewaretoken=" .. token)
end
