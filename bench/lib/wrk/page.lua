-- GET one page with a signed-in session. Arguments (after --): the Cookie header value.
-- Anything but 200 counts as a failed request: a lost session answers 302 to /login, which wrk itself would count
-- as a success. The summary line starting with BENCH is what bench/run reads.
threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    bad = 0
    statuses = ""
    wrk.headers["Cookie"] = args[1]
    wrk.headers["Accept"] = "text/html"
end

function response(status, headers, body)
    if status ~= 200 then
        bad = bad + 1
        if #statuses < 200 then statuses = statuses .. status .. " " end
    end
end

function done(summary, latency, requests)
    local failed, seen = 0, ""
    for _, t in ipairs(threads) do
        failed = failed + t:get("bad")
        seen = seen .. t:get("statuses")
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d bad=%d connect=%d read=%d write=%d timeout=%d status=%d items=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
        latency.max, failed, e.connect, e.read, e.write, e.timeout, e.status, summary.requests))
    if failed > 0 then io.write("BENCH-STATUSES " .. seen .. "\n") end
end
