-- The complete sign POST, by the visitors harvest.lua let in: each POSTs its own form as
-- rendered, with its own CSRF cookie and token, once, from its own client address (as a proxy
-- passes it). A thread that has posted all its visitors stops.
package.path = os.getenv("WRK_DIR") .. "/?.lua;" .. package.path
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local visitors = require("visitors")

local queue = {}
local index = 0

local base_init = init
function init(args)
  base_init(args)
  local tid = wrk.thread:get("tid")
  math.randomseed(os.time() * 100 + tid)
  queue = visitors.load(os.getenv("BENCH_FORMS"), tid, wrk.thread:get("nthreads"))
end

function next_visitor()
  index = index + 1
  local visitor = queue[index]
  if visitor == nil then
    wrk.thread:stop()
    visitor = queue[#queue]
  end
  return visitor
end

function sign_request()
  return visitors.post(next_visitor())
end

request = sign_request
