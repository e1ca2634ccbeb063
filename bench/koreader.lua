-- wrk script: KOReader-shaped sync traffic against a KOsync server.
--
--   wrk -t2 -c32 -d30s -s bench/koreader.lua http://localhost:8080 -- PUT
--   BENCH_MODE=GET wrk -t2 -c32 -d30s -s bench/koreader.lua http://localhost:8080
--
-- Every request picks a random (user, document) pair out of BENCH_USERS x BENCH_DOCS and sends
--   PUT /syncs/progress             (mode PUT: a KOReader progress push)
--   GET /syncs/progress/<document>  (mode GET: a KOReader progress pull)
-- with the x-auth-user / x-auth-key headers of that user. The users must exist and, for GET, every
-- pair should have been PUT once; bench/run.sh does both. All requests are built in init(), so
-- request() is one table lookup and the load generator stays cheap.
--
-- Settings (environment variables; the mode can also be the first script argument after "--"):
--   BENCH_MODE         PUT or GET                          (default PUT)
--   BENCH_USERS        number of users bench-user-1..N     (default 200)
--   BENCH_DOCS         documents per user                  (default 50)
--   BENCH_USER_PREFIX  user name prefix                    (default bench-user-)
--   BENCH_KEY          x-auth-key of every user: md5 hex of the password
--                      (default md5("bench-password") = 9b3a625e6e238d2161ca6caea6d16aca)
--   BENCH_RANDOM_SEED  random seed; each thread adds its own number (default 1)
--
-- done() prints a human-readable summary and one machine-readable line:
--   BENCH_RESULT mode=PUT requests=… duration_s=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=…
--                non2xx=… socket_errors=… empty_gets=…
-- non2xx counts every response outside 200..299 (wrk's own "Non-2xx or 3xx responses" line
-- counts only status > 399); socket_errors are wrk's connect/read/write/timeout errors, whose
-- requests have no status and no latency; empty_gets counts GET answers without a stored
-- position ("{}"), which means the pairs were not seeded.

local MOD32 = 4294967296

-- Numerical Recipes LCG; all intermediate values stay below 2^53, so Lua doubles compute it
-- exactly and bench/run.sh reproduces the same ids with 64-bit shell arithmetic.
local function lcg(x)
  return (x * 1664525 + 1013904223) % MOD32
end

local function hex128(seed)
  local x = seed % MOD32
  local parts = {}
  for k = 1, 4 do
    x = lcg(lcg(x))
    parts[k] = string.format("%08x", x)
  end
  return table.concat(parts)
end

-- KOReader's document id is the md5 of (part of) the file: 32 lowercase hex digits.
-- Must stay in step with doc_id in bench/run.sh.
function document_id(user, doc)
  return hex128(user * 65536 + doc)
end

-- KOReader's device_id is 32 uppercase hex digits; one device per user.
function device_id(user)
  return string.upper(hex128(user * 65536 + 65535))
end

local function env(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    return default
  end
  return value
end

local function env_int(name, default)
  local value = tonumber(env(name, tostring(default)))
  if value == nil or value < 1 or value ~= math.floor(value) then
    error(name .. " must be a positive integer")
  end
  return value
end

local USERS = env_int("BENCH_USERS", 200)
local DOCS = env_int("BENCH_DOCS", 50)
local PREFIX = env("BENCH_USER_PREFIX", "bench-user-")
local KEY = env("BENCH_KEY", "9b3a625e6e238d2161ca6caea6d16aca")
local DEVICES = { "Kobo Libra 2", "Kindle Paperwhite", "PocketBook Era", "reMarkable 2", "Android" }

-- main state: one entry per thread, read back in done()
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

-- thread state
local requests = {}
local request_count = 0
non2xx = 0
empty_gets = 0
first_failure = ""
mode = "PUT"
local counting_empty = false

function init(args)
  mode = string.upper((args and args[1]) or env("BENCH_MODE", "PUT"))
  if mode ~= "PUT" and mode ~= "GET" then
    error("mode must be PUT or GET, got " .. mode)
  end
  counting_empty = mode == "GET"
  math.randomseed(env_int("BENCH_RANDOM_SEED", 1) * 1000 + (thread_number or 0))

  local host = wrk.headers["Host"] or (wrk.host .. (wrk.port and (":" .. wrk.port) or ""))
  for user = 1, USERS do
    local name = PREFIX .. user
    local device = DEVICES[(user - 1) % #DEVICES + 1]
    local device_hex = device_id(user)
    for doc = 1, DOCS do
      -- a fresh table each time: wrk.format writes Content-Length into it
      local headers = {
        ["Host"] = host,
        ["Accept"] = "application/vnd.koreader.v1+json",
        ["Content-Type"] = "application/json",
        ["x-auth-user"] = name,
        ["x-auth-key"] = KEY,
      }
      local document = document_id(user, doc)
      local request
      if mode == "PUT" then
        local body = string.format(
            '{"document":"%s","progress":"/body/DocFragment[%d]/body/p[%d]/text().%d",' ..
            '"percentage":%.4f,"device":"%s","device_id":"%s"}',
            document, math.random(1, 60), math.random(1, 200), math.random(0, 400),
            math.random(), device, device_hex)
        request = wrk.format("PUT", "/syncs/progress", headers, body)
      else
        headers["Content-Type"] = nil
        request = wrk.format("GET", "/syncs/progress/" .. document, headers)
      end
      request_count = request_count + 1
      requests[request_count] = request
    end
  end
end

function request()
  return requests[math.random(request_count)]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_failure == "" then
      first_failure = status .. " " .. string.sub(body or "", 1, 200)
    end
  elseif counting_empty and not string.find(body, '"percentage"', 1, true) then
    empty_gets = empty_gets + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total, empty_total, failure, run_mode = 0, 0, "", "?"
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
    empty_total = empty_total + (thread:get("empty_gets") or 0)
    run_mode = thread:get("mode") or run_mode
    local f = thread:get("first_failure") or ""
    if failure == "" and f ~= "" then
      failure = f
    end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local rps = seconds > 0 and summary.requests / seconds or 0
  local function ms(us)
    return us / 1000
  end

  io.write("------------------------------------------------------------\n")
  io.write(string.format("mode %s, %d threads: %d requests in %.2f s = %.1f req/s\n",
      run_mode, #threads, summary.requests, seconds, rps))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
      ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max)))
  io.write(string.format("non-2xx responses: %d; socket errors: connect %d, read %d, write %d, timeout %d\n",
      non2xx_total, e.connect, e.read, e.write, e.timeout))
  if failure ~= "" then
    io.write("first non-2xx response: " .. failure .. "\n")
  end
  if empty_total > 0 then
    io.write(string.format("WARNING: %d GET responses had no stored progress (pairs not seeded?)\n", empty_total))
  end
  io.write(string.format(
      "BENCH_RESULT mode=%s requests=%d duration_s=%.3f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
      "non2xx=%d socket_errors=%d empty_gets=%d\n",
      run_mode, summary.requests, seconds, rps, ms(latency:percentile(50)), ms(latency:percentile(90)),
      ms(latency:percentile(99)), ms(latency.max), non2xx_total, socket_errors, empty_total))
end
