-- Warm-up: GET several pages in turn, each with its own session. Arguments (after --): path, cookie, path, cookie, …
local pages = {}
local next_page = 0

function init(args)
    for i = 1, #args - 1, 2 do
        table.insert(pages, wrk.format("GET", args[i], {["Cookie"] = args[i + 1], ["Accept"] = "text/html"}))
    end
end

function request()
    next_page = next_page % #pages + 1
    return pages[next_page]
end
