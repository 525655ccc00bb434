<?php
// kernel-runner's persistent PHP session (the php query mode).
//
// The daemon starts `php kernel_runner_session.php DIR` once. DIR holds two FIFOs: `requests`
// (the secret token, then `run ID FILE` and `complete ID WORD`) and `events` (`ready`, `done ID
// EXIT STDOUT-MARKS STDERR-MARKS`, `completion ID WORD<TAB>WORD...`). Each cell is `eval`ed at the
// top level of one process, so variables, functions, classes and constants carry over. As a cell
// starts and before `done` a secret marker goes to stdout and stderr, so the daemon knows which
// output is the cell's. Everything here is prefixed __kr_ to stay out of the user's way.
//
// An uncaught exception or error ends the cell with 255, as `php` does. A fatal error that is not
// an exception (redeclaring a function, memory exhausted) and `exit` end the interpreter: the
// daemon reports it and starts a new one.

$__kr_requests = fopen($argv[1] . '/requests', 'r');
$__kr_events = fopen($argv[1] . '/events', 'w');
$__kr_token = fgets($__kr_requests);
if ($__kr_token === false) {
    exit(0);
}
$__kr_marker = "\e]kernel-runner;" . rtrim($__kr_token, "\n") . "\x07";
$__kr_marks = [0, 0];
$__kr_cell = null;
$__kr_driver = __FILE__;
unset($argv, $argc, $__kr_token);
$_SERVER['argv'] = [];

function __kr_send(string $line): void
{
    fwrite($GLOBALS['__kr_events'], $line . "\n");
    fflush($GLOBALS['__kr_events']);
}

function __kr_mark(): void
{
    while (ob_get_level() > 0) {
        ob_end_flush();
    }
    fwrite(STDOUT, $GLOBALS['__kr_marker']);
    fflush(STDOUT);
    fwrite(STDERR, $GLOBALS['__kr_marker']);
    fflush(STDERR);
    $GLOBALS['__kr_marks'][0]++;
    $GLOBALS['__kr_marks'][1]++;
}

function __kr_done(string $id, int $status): void
{
    __kr_mark();
    __kr_send("done $id $status {$GLOBALS['__kr_marks'][0]} {$GLOBALS['__kr_marks'][1]}");
}

/** An uncaught throwable as `php` prints it, naming the cell instead of the driver's `eval`. */
function __kr_describe(Throwable $error, string $cell): string
{
    $where = fn ($file) => str_contains($file, $GLOBALS['__kr_driver']) ? $cell : $file;
    $at = ' in ' . $where($error->getFile()) . ':' . $error->getLine();
    if ($error instanceof ParseError) {
        return 'PHP Parse error:  ' . $error->getMessage() . ' in ' . $where($error->getFile()) . ' on line ' . $error->getLine();
    }
    $frames = array_filter(
        explode("\n", $error->getTraceAsString()),
        fn ($line) => !str_contains($line, $GLOBALS['__kr_driver']) && !str_ends_with($line, '{main}')
    );
    return 'PHP Fatal error:  Uncaught ' . $error::class . ': ' . $error->getMessage() . $at
        . ($frames === [] ? '' : "\nStack trace:\n" . implode("\n", $frames));
}

function __kr_complete(string $id, string $word): void
{
    $names = [];
    if (str_starts_with($word, '$')) {
        foreach (array_keys($GLOBALS) as $name) {
            if (!str_starts_with($name, '__kr_')) {
                $names[] = '$' . $name;
            }
        }
    } else {
        $functions = get_defined_functions();
        $names = array_merge(
            $functions['internal'],
            array_filter($functions['user'], fn ($name) => !str_starts_with($name, '__kr_')),
            get_declared_classes(),
            array_keys(get_defined_constants())
        );
    }
    $matches = array_values(array_filter($names, fn ($name) => str_starts_with($name, $word)));
    sort($matches);
    __kr_send("completion $id " . implode("\t", array_slice(array_unique($matches), 0, 200)));
}

// A fatal error that is not an exception ends the process: the cell still ends with 255 first.
register_shutdown_function(function () {
    $error = error_get_last();
    $fatal = E_ERROR | E_PARSE | E_CORE_ERROR | E_COMPILE_ERROR | E_USER_ERROR;
    if ($GLOBALS['__kr_cell'] !== null && $error !== null && ($error['type'] & $fatal) !== 0) {
        __kr_done($GLOBALS['__kr_cell'], 255);
    }
});

// An interrupt throws in the running cell (keeping the state); between cells it does nothing.
// Without pcntl, SIGINT ends the interpreter and the daemon reports the state as lost.
final class __kr_Interrupt extends Error
{
}
if (function_exists('pcntl_async_signals')) {
    pcntl_async_signals(true);
    pcntl_signal(SIGINT, function () {
        if ($GLOBALS['__kr_cell'] !== null) {
            throw new __kr_Interrupt('Interrupted');
        }
    }, false);
}

__kr_send('ready');
while (true) {
    $__kr_line = fgets($__kr_requests);
    if ($__kr_line === false) {
        // A signal cuts the read short; the end of the FIFO ends the session.
        if (feof($__kr_requests)) {
            break;
        }
        continue;
    }
    [$__kr_op, $__kr_id, $__kr_argument] = explode(' ', rtrim($__kr_line, "\n"), 3) + ['', '', ''];
    if ($__kr_op === 'complete') {
        __kr_complete($__kr_id, $__kr_argument);
        continue;
    }
    if ($__kr_op !== 'run') {
        continue;
    }
    __kr_mark();
    $__kr_status = 0;
    $__kr_cell = $__kr_id;
    try {
        $__kr_code = (string) @file_get_contents($__kr_argument);
        // A cell may open with its own `<?php`, as a file does.
        eval(preg_match('/^\s*<\?php\b/', $__kr_code) === 1 ? '?>' . $__kr_code : $__kr_code);
    } catch (Throwable $__kr_error) {
        $__kr_status = $__kr_error instanceof __kr_Interrupt ? 130 : 255;
        fwrite(STDERR, ($__kr_status === 130 ? 'Interrupted' : __kr_describe($__kr_error, basename($__kr_argument))) . "\n");
    }
    $__kr_cell = null;
    __kr_done($__kr_id, $__kr_status);
    unset($__kr_code, $__kr_error);
}
