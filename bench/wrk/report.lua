-- Shared by every scenario: count responses by class in each thread, and print one JSON line
-- that bench/harness.py parses. Latencies are in microseconds.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  thread:set("nthreads", tonumber(os.getenv("WRK_THREADS") or "2"))
  table.insert(threads, thread)
end

function init(args)
  s5xx = 0
  s4xx = 0
  s3xx = 0
end

function response(status, headers, body)
  if status >= 500 then
    s5xx = s5xx + 1
  elseif status >= 400 then
    s4xx = s4xx + 1
  elseif status >= 300 then
    s3xx = s3xx + 1
  end
end

function done(summary, latency, requests)
  local t5, t4, t3 = 0, 0, 0
  for _, t in ipairs(threads) do
    t5 = t5 + t:get("s5xx")
    t4 = t4 + t:get("s4xx")
    t3 = t3 + t:get("s3xx")
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"p50":%d,"p95":%d,"p99":%d,"max":%d,' ..
    '"s5xx":%d,"s4xx":%d,"s3xx":%d,"socket_errors":%d,"bytes":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, t5, t4, t3,
    e.connect + e.read + e.write + e.timeout, summary.bytes))
end
