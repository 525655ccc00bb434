# kernel-runner's persistent Julia session (query mode of the julia image).
#
# The daemon starts `julia kernel_runner_session.jl DIR` once. DIR holds two FIFOs: `requests`
# (the secret token, then `run ID FILE` and `complete ID WORD`) and `events` (`ready`, `done ID
# EXIT STDOUT-MARKS STDERR-MARKS`, `completion ID WORD<TAB>WORD...`). Each cell is evaluated in
# `Main` and its value shown unless it ends with `;`, as at Julia's prompt, so definitions carry
# over. As a cell starts and before `done` a secret marker goes to stdout and stderr, so the
# daemon knows which output is the cell's. The driver lives in its own module, out of `Main`.
module KernelRunnerSession

import REPL

# A SIGINT is an InterruptException in the running cell, not the end of the process.
Base.exit_on_sigint(false)

function serve(channel::AbstractString)
    requests = open(joinpath(channel, "requests"), "r")
    events = open(joinpath(channel, "events"), "w")
    marker = "\e]kernel-runner;" * readline(requests) * "\a"
    marks = 0
    send(line) = (write(events, line, "\n"); flush(events))
    function mark()
        flush(stdout)
        write(stdout, marker)
        flush(stdout)
        write(stderr, marker)
        flush(stderr)
        marks += 1
    end
    send("ready")
    while true
        request = try
            readline(requests; keep = true)
        catch error
            # A SIGINT between cells (one that came as a cell ended) changes nothing.
            error isa InterruptException && continue
            rethrow()
        end
        isempty(request) && break
        fields = split(chomp(request), ' '; limit = 3)
        length(fields) == 3 || continue
        op, id, argument = fields
        if op == "run"
            mark()
            status = run_cell(argument)
            mark()
            send("done $id $status $marks $marks")
        elseif op == "complete"
            send("completion $id " * join(first(complete(argument), 200), '\t'))
        end
    end
end

# 0, or 1 after an error or an interrupt (reported on stderr, as Julia's prompt reports them).
function run_cell(path::AbstractString)
    code = read(path, String)
    try
        value = Base.invokelatest(include_string, Main, code, "cell")
        if value !== nothing && !REPL.ends_with_semicolon(code)
            # A text display ends what it shows with a newline.
            Base.invokelatest(display, value)
        end
        return 0
    catch error
        flush(stdout)
        if error isa InterruptException
            println(stderr, "Interrupted")
        else
            Base.invokelatest(Base.display_error, stderr, error, Base.catch_backtrace())
        end
        return 1
    end
end

function complete(word::AbstractString)
    try
        matches, _, _ = REPL.REPLCompletions.completions(word, lastindex(word), Main)
        return [replace(REPL.REPLCompletions.completion_text(match), r"[\t\n]" => "") for match in matches]
    catch
        return String[]
    end
end

end

KernelRunnerSession.serve(ARGS[1])
