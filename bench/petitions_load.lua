-- wrk script of bench/bench_petitions_load.py (petitions signing storm and its ceilings).
--
--   wrk -d <T+grace>s ... -s bench/petitions_load.lua <url> -- get <T> <path>
--   wrk -d <T+grace>s ... -s bench/petitions_load.lua <url> -- post <T> <file prefix>
--
-- Each connection sends requests for T seconds, then goes idle (delay() returns an hour) so
-- that the requests in flight at T are answered during the grace period: nothing is left
-- unanswered when wrk stops, and the script can reconcile responses with database rows.
-- Rates are responses / T.
-- "post": thread i reads <prefix>.<i>: the path on the first line, then one request per line,
-- "<csrftoken cookie or ->\t<urlencoded body>", each used once (unique CIN, email and solved
-- ALTCHA challenge, prepared by the Python script). When a thread runs out it starts over and
-- counts it in "wrapped" (those requests are duplicates and get refused).
-- A 303 (to .../signed/) or a 2xx response is "ok", unless the 2xx shows the signing form
-- again (name="cin"): that is a refused submission ("rejected"); the first one of each thread is saved as <prefix>.rejected.<i>,
-- the first non-2xx as <prefix>.status.<i>.
-- done() prints one line "BENCH_JSON {...}" that the Python script reads.

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]])
local ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) * 1e-9
end

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local lines, n, i = {}, 0, 0
local mode, path, prefix, get_request, deadline
local sampled_rejected, sampled_status = false, false
issued, ok, rejected, wrapped, s2, s3, s4, s5 = 0, 0, 0, 0, 0, 0, 0, 0

function init(args)
  mode = args[1]
  deadline = now() + tonumber(args[2])
  if mode == "get" then
    path = args[3]
    get_request = wrk.format("GET", path)
    return
  end
  prefix = args[3]
  local f = assert(io.open(prefix .. "." .. id, "r"))
  path = f:read("*l")
  for line in f:lines() do
    n = n + 1
    lines[n] = line
  end
  f:close()
end

function delay()
  if now() >= deadline then
    return 3600000
  end
  return 0
end

function request()
  issued = issued + 1
  if mode == "get" then
    return get_request
  end
  i = i + 1
  if i > n then
    i = 1
    wrapped = wrapped + 1
  end
  local line = lines[i]
  local tab = string.find(line, "\t", 1, true)
  local cookie = string.sub(line, 1, tab - 1)
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  if cookie ~= "-" then
    headers["Cookie"] = "csrftoken=" .. cookie
  end
  return wrk.format("POST", path, headers, string.sub(line, tab + 1))
end

local function save(name, status, body)
  if prefix == nil then
    return
  end
  local f = io.open(prefix .. "." .. name .. "." .. id, "w")
  if f then
    f:write("HTTP " .. status .. "\n" .. (body or ""))
    f:close()
  end
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    s2 = s2 + 1
    if mode == "post" and body and string.find(body, 'name="cin"', 1, true) then
      rejected = rejected + 1
      if not sampled_rejected then
        sampled_rejected = true
        save("rejected", status, body)
      end
    else
      ok = ok + 1
    end
    return
  end
  if status < 400 then
    s3 = s3 + 1
    -- Post/Redirect/Get: an accepted signature answers 303 to .../signed/.
    if mode == "post" and status == 303 then
      ok = ok + 1
      return
    end
  elseif status < 500 then
    s4 = s4 + 1
  else
    s5 = s5 + 1
  end
  if not sampled_status then
    sampled_status = true
    save("status", status, body)
  end
end

function done(summary, latency, requests)
  local t = { issued = 0, ok = 0, rejected = 0, wrapped = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do
      t[k] = t[k] + (thread:get(k) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"issued": %d, "requests": %d, "duration_us": %d, "ok": %d, "rejected": %d, "wrapped": %d, '
      .. '"s2xx": %d, "s3xx": %d, "s4xx": %d, "s5xx": %d, "err_connect": %d, "err_read": %d, '
      .. '"err_write": %d, "err_timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "mean_us": %.1f}\n',
    t.issued, summary.requests, summary.duration, t.ok, t.rejected, t.wrapped, t.s2, t.s3, t.s4, t.s5,
    e.connect, e.read, e.write, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean
  ))
end
