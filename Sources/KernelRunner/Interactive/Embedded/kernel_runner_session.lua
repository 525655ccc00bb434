-- kernel-runner's persistent Lua session (the lua query mode).
--
-- The daemon starts `lua kernel_runner_session.lua DIR` once. DIR holds two FIFOs: `requests`
-- (the secret token, then `run ID FILE` and `complete ID WORD`) and `events` (`ready`, `done ID
-- EXIT STDOUT-MARKS STDERR-MARKS`, `completion ID WORD<TAB>WORD...`). Each cell is a chunk of the
-- one interpreter, so globals (functions included) carry over; a cell that is an expression shows
-- its values, as `lua -i` does. As a cell starts and before `done` a secret marker goes to stdout
-- and stderr, so the daemon knows which output is the cell's. Everything here is local to this
-- file, out of the user's way.
--
-- An interrupt is lua's own: its SIGINT handler makes the running code raise "interrupted!",
-- which ends the cell and keeps the state. The standalone interpreter then restores the default
-- action, so the next interrupt ends the interpreter (the daemon reports the state as lost).

local channel = arg[1]
local requests = assert(io.open(channel .. "/requests", "r"))
local events = assert(io.open(channel .. "/events", "w"))
local stdout, stderr = io.stdout, io.stderr
local driver = debug.getinfo(1, "S").short_src

local function send(line)
    events:write(line, "\n")
    events:flush()
end

local token = requests:read("l")
if not token then
    os.exit(0)
end
local marker = "\27]kernel-runner;" .. token .. "\7"
local marks = { 0, 0 }

local function mark()
    io.output():flush()
    stdout:write(marker)
    stdout:flush()
    marks[1] = marks[1] + 1
    stderr:write(marker)
    stderr:flush()
    marks[2] = marks[2] + 1
end

-- The traceback without the driver's own frames.
local function traceback(message)
    local text = debug.traceback(tostring(message), 2)
    local kept = {}
    for line in text:gmatch("[^\n]+") do
        if not line:find(driver, 1, true) and not line:find("in function 'xpcall'", 1, true) and not line:find("in function 'pcall'", 1, true) and not line:find("^%s*%[C%]: in %?$") then
            kept[#kept + 1] = line
        end
    end
    return table.concat(kept, "\n")
end

local function run(id, file)
    mark()
    local status = 0
    local source
    local handle = io.open(file, "r")
    if handle then
        source = handle:read("a")
        handle:close()
    end
    local name = "@" .. (file:match("[^/]+$") or file)
    local chunk, problem
    if source then
        -- An expression shows its values; anything else runs as statements.
        chunk = load("return " .. source, name, "t")
        if not chunk then
            chunk, problem = load(source, name, "t")
        end
    else
        problem = "cannot read the cell " .. file
    end
    if chunk then
        local results = table.pack(xpcall(chunk, traceback))
        if results[1] then
            if results.n > 1 then
                print(table.unpack(results, 2, results.n))
            end
        else
            stderr:write("lua: ", tostring(results[2]), "\n")
            status = 1
        end
    else
        stderr:write("lua: ", problem, "\n")
        status = 1
    end
    mark()
    send(string.format("done %s %d %d %d", id, status, marks[1], marks[2]))
end

local keywords = {
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
    "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
}

local function complete(id, word)
    local matches = {}
    local owner, prefix = word:match("^(.-)([%w_]*)$")
    local scope = _G
    local path = owner:match("^(.*)[.:]$")
    if path and path ~= "" then
        for key in path:gmatch("[^.:]+") do
            scope = type(scope) == "table" and rawget(scope, key) or nil
        end
    elseif owner ~= "" then
        scope = nil
    end
    if type(scope) == "table" then
        for key in pairs(scope) do
            if type(key) == "string" and key:sub(1, #prefix) == prefix then
                matches[#matches + 1] = owner .. key
            end
        end
    end
    if owner == "" then
        for _, keyword in ipairs(keywords) do
            if keyword:sub(1, #prefix) == prefix then
                matches[#matches + 1] = keyword
            end
        end
    end
    table.sort(matches)
    send("completion " .. id .. " " .. table.concat(matches, "\t", 1, math.min(#matches, 200)))
end

send("ready")
while true do
    -- A stray "interrupted!" (a SIGINT as a cell ended) must not end the loop.
    local ok, line = pcall(requests.read, requests, "l")
    if ok then
        if not line then
            break
        end
        local op, id, argument = line:match("^(%S+) (%S+) ?(.*)$")
        if op == "run" then
            pcall(run, id, argument)
        elseif op == "complete" then
            pcall(complete, id, argument)
        end
    end
end
