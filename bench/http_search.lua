-- wrk script: GET /api/search with the queries of $BANTIN_QUERIES (one URL-encoded query a
-- line), in turn; counts non-200 answers as errors.
local queries = {}
local i = 0
local bad = 0
init = function(args)
  for line in io.lines(os.getenv("BANTIN_QUERIES")) do queries[#queries + 1] = line end
end
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/search?limit=10&q=" .. queries[i])
end
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non200=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.errors.status))
end
