## kernel-runner's persistent Octave session (query mode of the octave image).
##
## The daemon starts `octave-cli --path DIR --eval "kernel_runner_session ('DIR')"` once. DIR
## holds two FIFOs: `requests` (the secret token, then `run ID` for the cell in DIR/cell-ID.m,
## and `complete ID WORD`) and
## `events` (`ready`, `done ID EXIT STDOUT-MARKS STDERR-MARKS`, `completion ID WORD<TAB>WORD...`).
## Each cell is evaluated in the base workspace, as at Octave's prompt, so variables and
## command-line functions carry over. As a cell starts and before `done` a secret marker goes to
## stdout and stderr, so the daemon knows which output is the cell's. A function file on the
## load path rather than a script: its state stays out of the workspace, and `clear all` in a
## cell cannot remove it for good.
function kernel_runner_session (channel, requests, events, output, marker, marks)
  if (nargin == 1)
    ## Killed or interrupted, Octave would save the workspace into the user's work dir.
    crash_dumps_octave_core (false);
    sigterm_dumps_octave_core (false);
    sighup_dumps_octave_core (false);
    requests = fopen ([channel "/requests"], "r");
    events = fopen ([channel "/events"], "w");
    ## The markers go straight to fd 1: through Octave's stdout they reach it milliseconds late.
    output = fopen ("/dev/stdout", "w");
    marker = ["\033]kernel-runner;" read_line(requests) "\a"];
    marks = [0 0];
    send (events, "ready");
  endif
  cell = "";
  unwind_protect
    while (true)
      request = read_line (requests);
      if (isempty (request))
        exit (0);
      endif
      [op, rest] = strtok (request);
      [id, argument] = strtok (rest);
      argument = strtrim (argument);
      if (strcmp (op, "run"))
        marks = mark (output, marker, marks);
        cell = id;
        status = 0;
        try
          evalin ("base", fileread ([channel "/cell-" id ".m"]));
        catch err
          fputs (stderr, ["error: " err.message "\n"]);
          status = 1;
        end_try_catch
        cell = "";
        marks = mark (output, marker, marks);
        send (events, sprintf ("done %s %d %d %d", id, status, marks(1), marks(2)));
      elseif (strcmp (op, "complete"))
        ## In the base workspace, so the user's variables are candidates too.
        matches = cellstr (evalin ("base", ["completion_matches ('" strrep(argument, "'", "''") "')"]));
        send (events, sprintf ("completion %s %s", id, strjoin (matches(1:min (end, 200))', "\t")));
      endif
    endwhile
  unwind_protect_cleanup
    ## Only an interrupt gets here (the cell's errors are caught above), and Octave offers no
    ## way to catch it: end the cell and serve on from here. The stack grows by two frames per
    ## interrupt; after about 250, max_recursion_depth ends the session (reported, state lost).
    if (! isempty (cell))
      fputs (stderr, "Interrupted\n");
      marks = mark (output, marker, marks);
      send (events, sprintf ("done %s 1 %d %d", cell, marks(1), marks(2)));
    endif
    kernel_runner_session (channel, requests, events, output, marker, marks);
  end_unwind_protect
endfunction

## fgetl reads one character past the newline (to see an end of file), which on a FIFO waits
## for the next request: read up to the newline a character at a time (5 µs each, hence the
## short `run ID`).
function line = read_line (fid)
  line = "";
  while (true)
    c = fread (fid, 1, "char=>char");
    if (isempty (c) || c == "\n")
      return;
    endif
    line(end+1) = c;
  endwhile
endfunction

function marks = mark (output, marker, marks)
  fflush (stdout);
  fputs (output, marker);
  fflush (output);
  fputs (stderr, marker);
  fflush (stderr);
  marks += 1;
endfunction

function send (events, line)
  fputs (events, [line "\n"]);
  fflush (events);
endfunction
