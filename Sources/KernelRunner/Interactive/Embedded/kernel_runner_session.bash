# kernel-runner's persistent bash session (the shell/git query mode).
#
# The daemon starts `bash kernel_runner_session.bash DIR` once. DIR holds two FIFOs: `requests`
# (the secret token, then `run ID FILE` and `complete ID WORD`) and `events` (`ready`, `done ID
# EXIT STDOUT-MARKS STDERR-MARKS`, `completion ID WORD<TAB>WORD...`). Each cell is sourced at the
# top level, so variables (`declare` too), functions, aliases and `cd` carry over. As a cell
# starts and before `done` a secret marker goes to stdout and stderr, so the daemon knows which
# output is the cell's (what a background job writes between cells is dropped).
#
# Everything here is prefixed __kr_ to stay out of the user's way.

exec {__kr_requests}<"$1/requests" {__kr_events}>"$1/events" {__kr_stdout}>&1 {__kr_stderr}>&2
IFS= read -r __kr_token <&"$__kr_requests" || builtin exit 0
__kr_marker=$'\e]kernel-runner;'"$__kr_token"$'\a'
__kr_marks=(0 0)
__kr_pid=$BASHPID
__kr_in_cell=0
__kr_stop=
set --

# Stopping a cell (interrupt, `exit`): a DEBUG trap that returns 2 makes bash return from the
# function or sourced file it is in (extdebug), until the driver's own top level is reached.
shopt -s extdebug
__kr_unwind() {
    [[ -n $__kr_stop ]] && ((${#BASH_SOURCE[@]} > 2)) && return 2
    return 0
}
__kr_stop_cell() {
    __kr_stop=$1
    trap __kr_unwind DEBUG
}
# A SIGINT between cells (one that came as the cell ended) changes nothing.
trap '((__kr_in_cell)) && __kr_stop_cell 130' INT
# `exit N` ends the cell with N, not the session (as Python's sys.exit); subshells really exit.
exit() {
    if [[ $BASHPID != "$__kr_pid" ]] || ! ((__kr_in_cell)); then builtin exit "$@"; fi
    __kr_stop_cell "${1:-$?}"
}

__kr_mark() {
    printf '%s' "$__kr_marker" >&"$__kr_stdout" && ((__kr_marks[0]++))
    printf '%s' "$__kr_marker" >&"$__kr_stderr" && ((__kr_marks[1]++))
}

__kr_complete() {
    local IFS=$'\t' __kr_words
    mapfile -t __kr_words < <(compgen -v -A function -A alias -A builtin -A keyword -- "$2" 2>/dev/null; compgen -c -- "$2" 2>/dev/null | head -n 200)
    printf 'completion %s %s\n' "$1" "${__kr_words[*]}" >&"$__kr_events"
}

printf 'ready\n' >&"$__kr_events"
while true; do
    # A SIGINT cuts the read short (status above 128): read again.
    IFS=' ' read -r __kr_op __kr_id __kr_arg <&"$__kr_requests" || { (($? > 128)) && continue; builtin exit 0; }
    case $__kr_op in
    run)
        __kr_mark
        __kr_in_cell=1
        source "$__kr_arg"
        __kr_status=$?
        __kr_in_cell=0
        trap - DEBUG
        [[ -n $__kr_stop ]] && __kr_status=$__kr_stop
        __kr_stop=
        # The daemon kills what the cell left running; bash must not report it in the next one.
        disown -a
        __kr_mark
        printf 'done %s %s %s %s\n' "$__kr_id" "$__kr_status" "${__kr_marks[0]}" "${__kr_marks[1]}" >&"$__kr_events"
        ;;
    complete) __kr_complete "$__kr_id" "$__kr_arg" ;;
    esac
done
