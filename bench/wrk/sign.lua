-- The complete sign POST: a fresh address every time, the CSRF cookie and token fetched once
-- by bench/run.py, and a different client address per request, as a proxy would pass it.
dofile(os.getenv("WRK_DIR") .. "/report.lua")

local token = os.getenv("BENCH_CSRF_TOKEN")
local cookie = "csrftoken=" .. os.getenv("BENCH_CSRF_COOKIE")
local path = os.getenv("BENCH_SIGN_PATH")
local run = os.getenv("BENCH_RUN_ID")
local counter = 0
local prefix = ""

local base_init = init
function init(args)
  base_init(args)
  prefix = run .. "-" .. wrk.thread:get("tid")
  math.randomseed(os.time() + wrk.thread:get("tid"))
end

function sign_request()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=" .. token ..
    "&name=Bench+Signer&email=bench-" .. prefix .. "-" .. counter .. "%40example.org" ..
    "&country=KZ&city=Aktau&comment=&website="
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["X-Real-IP"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
      math.random(1, 254)),
  }
  return wrk.format("POST", path, headers, body)
end

request = sign_request
