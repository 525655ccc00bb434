# kernel-runner's persistent R session (query mode of the r image).
#
# The daemon starts `Rscript kernel_runner_session.R DIR` once. DIR holds two FIFOs: `requests`
# (the secret token, then `run ID FILE` and `complete ID WORD`) and `events` (`ready`, `done ID
# EXIT STDOUT-MARKS STDERR-MARKS`, `completion ID WORD<TAB>WORD...`). Each cell is parsed, then
# evaluated expression by expression in the global environment and its visible values printed,
# as at R's prompt; so variables, functions and attached packages carry over. As a cell starts
# and before `done` a secret marker goes to stdout and stderr, so the daemon knows which output
# is the cell's. The driver's own state lives in this `local` and stays out of the user's way.
local({
    channel <- commandArgs(trailingOnly = TRUE)[1L]
    requests <- fifo(file.path(channel, "requests"), "r", blocking = TRUE)
    events <- fifo(file.path(channel, "events"), "w", blocking = TRUE)
    marker <- paste0("\033]kernel-runner;", readLines(requests, n = 1L), "\007")
    marks <- c(0L, 0L)
    send <- function(...) {
        cat(paste0(..., "\n"), file = events)
        flush(events)
    }
    mark <- function() {
        flush(stdout())
        cat(marker, file = stdout())
        flush(stdout())
        cat(marker, file = stderr())
        marks <<- marks + 1L
    }

    # Rscript is not interactive, so base::readline would return "" at once: cells read the
    # terminal instead, after showing the prompt. On the search path, not in the global
    # environment, so a user's own readline still wins and ls() stays empty.
    tools <- attach(NULL, name = "tools:kernel-runner", warn.conflicts = FALSE)
    terminal <- file("stdin")
    open(terminal)
    assign("readline", function(prompt = "") {
        cat(prompt)
        flush(stdout())
        line <- readLines(terminal, n = 1L)
        if (length(line) == 0L) "" else line
    }, envir = tools)

    # How each expression is evaluated; conditions whose call is this one were raised at the
    # top level of the cell and are reported as R's prompt reports them, without a call.
    topCall <- quote(eval(expression, envir = globalenv()))
    describe <- function(condition, prefix) {
        call <- conditionCall(condition)
        if (is.null(call) || identical(call, topCall)) {
            conditionMessage(condition)
        } else {
            paste0(prefix, deparse(call, nlines = 1L), " : ", conditionMessage(condition))
        }
    }
    reportWarnings <- function(warnings) {
        if (length(warnings) == 0L) return(invisible())
        text <- vapply(warnings, describe, "", prefix = "In ")
        if (length(text) > 1L) text <- paste0(seq_along(text), ": ", text)
        header <- if (length(text) == 1L) "Warning message:\n" else "Warning messages:\n"
        cat(header, paste0(text, "\n"), sep = "", file = stderr())
    }

    # 0, or 1 after an error (reported on stderr, as Rscript would).
    run <- function(path) {
        expressions <- tryCatch(parse(file = path, keep.source = FALSE, encoding = "UTF-8"), error = identity)
        if (inherits(expressions, "error")) {
            # Without the cell file's path: "2:0: unexpected end of input ...".
            cat("Error: ", sub("^[^:]*:", "", conditionMessage(expressions)), "\n", sep = "", file = stderr())
            return(1L)
        }
        for (expression in expressions) {
            warnings <- list()
            status <- tryCatch(
                withCallingHandlers({
                    result <- withVisible(eval(expression, envir = globalenv()))
                    if (result$visible) {
                        if (isS4(result$value)) methods::show(result$value) else print(result$value)
                    }
                    0L
                }, warning = function(w) {
                    # R defers warnings to the prompt; there is none, so after each expression.
                    if (isTRUE(getOption("warn", 0) == 0)) {
                        warnings[[length(warnings) + 1L]] <<- w
                        invokeRestart("muffleWarning")
                    }
                }),
                error = function(e) {
                    text <- describe(e, "Error in ")
                    cat(if (startsWith(text, "Error in ")) text else paste0("Error: ", text), "\n", sep = "", file = stderr())
                    1L
                })
            reportWarnings(warnings)
            if (status != 0L) return(status)
        }
        0L
    }

    complete <- function(word) {
        matches <- tryCatch({
            utils:::.assignLinebuffer(word)
            utils:::.assignEnd(nchar(word))
            utils:::.guessTokenFromLine()
            utils:::.completeToken()
            utils:::.retrieveCompletions()
        }, error = function(e) character())
        gsub("[\t\n]", "", head(matches, 200L))
    }

    send("ready")
    repeat {
        # A SIGINT between cells (one that came as a cell ended) changes nothing.
        request <- tryCatch(readLines(requests, n = 1L), interrupt = function(i) NA)
        if (identical(request, NA)) next
        if (length(request) == 0L) break
        fields <- strsplit(request, " ", fixed = TRUE)[[1L]]
        argument <- paste(fields[-(1:2)], collapse = " ")
        if (fields[1L] == "run") {
            mark()
            status <- tryCatch(run(argument), interrupt = function(i) {
                cat("Interrupted\n", file = stderr())
                1L
            })
            mark()
            send("done ", fields[2L], " ", status, " ", marks[1L], " ", marks[2L])
        } else if (fields[1L] == "complete") {
            send("completion ", fields[2L], " ", paste(complete(argument), collapse = "\t"))
        }
    }
})
