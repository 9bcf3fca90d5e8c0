-- A spike: 90% of requests read (home, petition page, count), 10% are visitors signing.
dofile(os.getenv("WRK_DIR") .. "/sign.lua")

local reads = {
  os.getenv("BENCH_HOME_PATH"),
  os.getenv("BENCH_PETITION_PATH"),
  os.getenv("BENCH_COUNT_PATH"),
}

function request()
  if math.random() < 0.1 then
    return sign_request()
  end
  return wrk.format("GET", reads[math.random(1, #reads)])
end
