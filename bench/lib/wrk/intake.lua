-- POST leads to the intake API, every lead with an e-mail address of its own (so none is a duplicate).
-- Arguments (after --): API key, run id, "single" or "batch", batch size.
-- Single: anything but 201 counts as failed. Batch: anything but 200 counts as failed, and the leads the answers
-- report as created are summed (a batch with fewer created than sent counts its missing leads as failed items).
threads = {}
local counter = 0
-- tid: set per thread by setup() (a global of the thread's Lua state)

function setup(thread)
    table.insert(threads, thread)
    thread:set("tid", #threads)
end

local firsts = {"Jana", "Lukas", "Sophie", "Felix", "Marie", "Jonas", "Lea", "Paul", "Anna", "Elias", "Laura", "Noah"}
local lasts = {"Becker", "Schmidt", "Fischer", "Weber", "Meyer", "Wagner", "Koch", "Richter", "Wolf", "Neumann"}
local stems = {"Rhein", "Alpen", "Nord", "Hanse", "Isar", "Elbe", "Main", "Spree", "Weser", "Donau"}
local kinds = {"Maschinenbau", "Logistik", "Automation", "Verpackung", "Stahlbau", "Software"}
local industries = {"MANUFACTURING", "LOGISTICS", "SOFTWARE", "RETAIL", "HEALTHCARE", "ENERGY", "FINANCE"}
local countries = {"DE", "DE", "DE", "AT", "CH", "NL", "FR", "GB"}
local sources = {"website", "webinar", "linkedin", "whitepaper", "trade fair"}
local timelines = {"NOW", "THIS_QUARTER", "THIS_YEAR", "UNKNOWN"}

local function pick(list)
    return list[math.random(#list)]
end

local function lead(email)
    return string.format(
        '{"firstName":"%s","lastName":"%s","email":"%s","companyName":"%s %s GmbH","jobTitle":"Head of Production",' ..
        '"phone":"+49 30 %d","employees":%d,"industry":"%s","department":"Operations","country":"%s",' ..
        '"source":"%s","campaign":"automation-2026-q4","engagementScore":%d,"projectPlanned":%s,' ..
        '"budgetConfirmed":%s,"timeline":"%s"}',
        pick(firsts), pick(lasts), email, pick(stems), pick(kinds), math.random(1000000, 9999999),
        math.random(5, 5000), pick(industries), pick(countries), pick(sources), math.random(0, 100),
        math.random() < 0.4 and "true" or "false", math.random() < 0.25 and "true" or "false", pick(timelines))
end

function init(args)
    bad = 0
    created = 0
    missing = 0
    statuses = ""
    run = args[2]
    kind = args[3] or "single"
    size = tonumber(args[4] or "500")
    math.randomseed(os.time() * 100 + tid)
    wrk.method = "POST"
    wrk.headers["Authorization"] = "Bearer " .. args[1]
    wrk.headers["Content-Type"] = "application/json"
    wrk.path = kind == "batch" and "/api/v1/leads/batch" or "/api/v1/leads"
end

local function email(n)
    -- unique per run, thread, request (and item), plus a random part
    return string.format("wrk%s-%d-%d-%d@intake.bench-run.example", run, tid, n, math.random(1, 1000000000))
end

function request()
    counter = counter + 1
    if kind == "batch" then
        local items = {}
        for i = 1, size do
            items[i] = lead(email(counter * 10000 + i))
        end
        return wrk.format(nil, nil, nil, '{"leads":[' .. table.concat(items, ",") .. ']}')
    end
    return wrk.format(nil, nil, nil, lead(email(counter)))
end

function response(status, headers, body)
    if kind == "batch" then
        if status == 200 then
            local n = tonumber(string.match(body, '"created"%s*:%s*(%d+)') or "0")
            created = created + n
            missing = missing + (size - n)
        else
            bad = bad + 1
            if #statuses < 200 then statuses = statuses .. status .. " " end
        end
    elseif status == 201 then
        created = created + 1
    else
        bad = bad + 1
        if #statuses < 200 then statuses = statuses .. status .. " " end
    end
end

function done(summary, latency, requests)
    local failed, made, lost, seen = 0, 0, 0, ""
    for _, t in ipairs(threads) do
        failed = failed + t:get("bad")
        made = made + t:get("created")
        lost = lost + t:get("missing")
        seen = seen .. t:get("statuses")
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d bad=%d connect=%d read=%d write=%d timeout=%d status=%d items=%d missing=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
        latency.max, failed, e.connect, e.read, e.write, e.timeout, e.status, made, lost))
    if failed > 0 then io.write("BENCH-STATUSES " .. seen .. "\n") end
end
