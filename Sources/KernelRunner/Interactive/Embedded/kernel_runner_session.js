// kernel-runner's persistent Node.js session (the nodejs query mode).
//
// The daemon starts `node --expose-internals kernel_runner_session.js DIR` once. DIR holds two
// FIFOs: `requests` (the secret token, then `run ID FILE` and `complete ID WORD`) and `events`
// (`ready`, `done ID EXIT STDOUT-MARKS STDERR-MARKS`, `completion ID WORD<TAB>WORD...`). Each cell
// is a script run in the main context, as the REPL runs a line: `let`, `const`, `class` and
// functions survive, top-level `await` works (the REPL's own rewriting), and the value of a last
// expression is shown. A cell ends when its code, its promise and what it started (timers, child
// processes, sockets: what would keep a one-shot `node` alive) have ended. As a cell starts and
// before `done` a secret marker goes to stdout and stderr, so the daemon knows which output is the
// cell's. Everything here lives in this module's scope, out of the user's way.
'use strict';

const fs = require('fs');
const net = require('net');
const path = require('path');
const util = require('util');
const vm = require('vm');
const inspector = require('inspector');
const { createRequire } = require('module');
const { Writable } = require('stream');

const channel = process.argv[2];
const driverFile = __filename;
// The REPL's rewriting of top-level `await` (declarations hoisted so they survive the async
// wrapper); internal, hence --expose-internals. Without it, a cell using `await` is wrapped in an
// async function, whose declarations stay local to the cell.
let processTopLevelAwait = null;
try {
    ({ processTopLevelAwait } = require('internal/repl/await'));
} catch {
    processTopLevelAwait = null;
}

const events = fs.openSync(path.join(channel, 'events'), 'w');
const send = (line) => fs.writeSync(events, line + '\n');
let marker = null;
const marks = [0, 0];
// stdout and stderr (pipes) are plain synchronous writers of ours, with no state a stream keeps
// between writes: an interrupt terminates a script wherever it is, and a stream (Node's own, or
// any Writable) cut short there keeps its later output queued for ever. Markers written after
// them are in order.
const pause = new Int32Array(new SharedArrayBuffer(4));
function writeAll(fd, data) {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let offset = 0; offset < bytes.length; ) {
        try {
            offset += fs.writeSync(fd, bytes, offset);
        } catch (error) {
            // A full pipe (the daemon applies back-pressure): wait a little, as a blocking write would.
            if (error.code !== 'EAGAIN') throw error;
            Atomics.wait(pause, 0, 0, 1);
        }
    }
}
for (const [name, fd] of [['stdout', 1], ['stderr', 2]]) {
    // A Writable for what inspects or pipes into stdio, whose write() skips the stream's state.
    const stream = new Writable({
        write(chunk, encoding, callback) {
            writeAll(fd, chunk);
            callback();
        },
    });
    stream.write = (chunk, encoding, callback) => {
        if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
        writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk, encoding || 'utf8') : chunk);
        if (typeof callback === 'function') process.nextTick(callback);
        return true;
    };
    Object.assign(stream, { fd, isTTY: false, _isStdio: true });
    Object.defineProperty(process, name, { configurable: true, enumerable: true, get: () => stream });
}

function mark() {
    writeAll(1, marker);
    marks[0] += 1;
    writeAll(2, marker);
    marks[1] += 1;
}

// What a script run from the work dir gets: require (resolving from the work dir, so its
// node_modules are found), module, exports, __filename, __dirname.
const cellFile = path.join(process.cwd(), '[cell]');
const cellModule = { exports: {}, filename: cellFile, id: '.', loaded: true, require: createRequire(cellFile) };
Object.assign(globalThis, {
    require: cellModule.require,
    module: cellModule,
    exports: cellModule.exports,
    __filename: cellFile,
    __dirname: process.cwd(),
});

// stdin (the run's terminal) is made on first use, by us: once paused (readline's close) it is
// closed, as libuv would otherwise keep the terminal in its epoll set, which the daemon takes for
// a read (a `waiting-input` nobody asked for); the next use makes a fresh one.
let stdin = null;
Object.defineProperty(process, 'stdin', {
    configurable: true,
    enumerable: true,
    get: () => {
        if (stdin === null) {
            const stream = new (require('tty').ReadStream)(0);
            stream.on('pause', () => setImmediate(() => stdin === stream && closeIdleStdin()));
            stdin = stream;
        }
        return stdin;
    },
});
// Paused: the handle may still read until data comes, but the program no longer wants any.
const stdinReading = () => stdin !== null && (stdin.readableFlowing === true || stdin.listenerCount('readable') > 0);
function closeIdleStdin() {
    if (stdin !== null && !stdinReading()) {
        stdin.destroy();
        stdin = null;
    }
}

let current = null; // { failed, interrupt } while a cell runs

/** The error as Node prints an uncaught one, without the driver's frames. */
function describe(error) {
    const text = error instanceof Error ? error.stack || String(error) : 'Uncaught ' + util.inspect(error);
    return text
        .split('\n')
        .filter((line) => !line.includes(driverFile) && !/\(node:(vm|internal)|at node:(vm|internal)/.test(line))
        .join('\n');
}

function reportAsync(error) {
    process.stderr.write(describe(error) + '\n');
    if (current) current.failed = true;
}
process.on('uncaughtException', reportAsync);
process.on('unhandledRejection', reportAsync);
// Between cells a SIGINT changes nothing; during one it ends the wait for the cell's promise and
// what it started (breakOnSigint stops synchronous code).
process.on('SIGINT', () => {
    if (current) current.interrupt();
});

/** Active resources by type: what keeps the event loop alive. */
function resources() {
    const counts = new Map();
    for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) || 0) + 1);
    return counts;
}

function startedMore(baseline) {
    for (const [type, count] of resources()) {
        // Terminal handles stay listed once paused: stdin is asked directly.
        if (type !== 'TTYWrap' && count > (baseline.get(type) || 0)) return true;
    }
    return stdinReading();
}

/** Resolves once nothing more than `baseline` is active, or on interrupt. */
function settle(baseline, interrupted) {
    if (!startedMore(baseline)) return Promise.resolve();
    // Inside its callback our polling timer still counts as active.
    const polling = new Map(baseline).set('Timeout', (baseline.get('Timeout') || 0) + 1);
    return new Promise((resolve) => {
        let timer;
        const poll = () => {
            if (startedMore(polling)) {
                timer = setTimeout(poll, 10);
            } else {
                resolve();
            }
        };
        timer = setTimeout(poll, 10);
        interrupted.then(() => {
            clearTimeout(timer);
            resolve();
        });
    });
}

// `import` statements become dynamic imports, whose bindings survive like any declaration:
// `import x, { a as b } from 'm'` → `const { default: x, a: b } = await import('m')` (one
// statement per line).
const importStatement = /^([ \t]*)import\s+(?:([\w$]+)\s*,?\s*)?(?:\*\s*as\s+([\w$]+)|\{([^}]*)\})?\s*(?:from\s*)?(['"][^'"]+['"])\s*;?[ \t]*$/gm;
function rewriteImports(code) {
    return code.replace(importStatement, (line, indent, name, namespace, names, specifier) => {
        if (namespace) return `${indent}const ${namespace} = await __kernelRunnerImport(${specifier});`;
        const bindings = (names ? names.split(',') : [])
            .map((binding) => binding.trim())
            .filter((binding) => binding !== '')
            .map((binding) => binding.replace(/\s+as\s+/, ': '));
        if (name) bindings.unshift(`default: ${name}`);
        return bindings.length === 0 ? `${indent}await __kernelRunnerImport(${specifier});` : `${indent}const { ${bindings.join(', ')} } = await __kernelRunnerImport(${specifier});`;
    });
}

// What those imports call (a script's own `import()` needs --experimental-vm-modules): built-ins,
// and packages resolved from the work dir as `require` does.
Object.defineProperty(globalThis, '__kernelRunnerImport', {
    value: (specifier) => {
        if (require('module').isBuiltin(specifier)) return import(specifier);
        return import(require('url').pathToFileURL(cellModule.require.resolve(specifier)).href);
    },
});

function compile(code, file) {
    code = rewriteImports(code);
    if (processTopLevelAwait && /\bawait\b/.test(code)) {
        const rewritten = processTopLevelAwait(code);
        if (rewritten !== null) return { script: new vm.Script(rewritten, { filename: file }), wrapped: true };
    }
    try {
        return { script: new vm.Script(code, { filename: file }), wrapped: false };
    } catch (error) {
        // `await` the rewriting did not take (or no rewriting): an async function of its own.
        if (!(error instanceof SyntaxError) || !/\bawait\b/.test(code)) throw error;
        return { script: new vm.Script(`(async () => {\n${code}\n})()`, { filename: file }), wrapped: false };
    }
}

async function runCell(id, file) {
    let code = '';
    try {
        code = fs.readFileSync(file, 'utf8');
    } catch (error) {
        code = `throw new Error(${JSON.stringify('kernel-runner: cannot read the cell: ' + error.message)})`;
    }
    mark();
    let interrupt;
    const interrupted = new Promise((resolve) => (interrupt = resolve));
    const cell = { failed: false, interrupted: false, interrupt: () => ((cell.interrupted = true), interrupt()) };
    current = cell;
    const baseline = resources();
    try {
        const { script, wrapped } = compile(code, file);
        let result = script.runInThisContext({ breakOnSigint: true, displayErrors: true });
        if (wrapped) {
            result = await Promise.race([result, interrupted.then(() => ({ value: undefined }))]);
            result = result === undefined ? undefined : result.value;
        }
        if (result !== undefined && !cell.interrupted) process.stdout.write(util.inspect(result) + '\n');
        if (!cell.interrupted) await settle(baseline, interrupted);
    } catch (error) {
        cell.failed = true;
        if (!cell.interrupted) process.stderr.write(describe(error) + '\n');
        if (/interrupted by `SIGINT`/.test(String(error && error.message))) cell.interrupted = true;
    }
    if (cell.interrupted) process.stderr.write('Interrupted\n');
    current = null;
    closeIdleStdin();
    mark();
    send(`done ${id} ${cell.interrupted ? 130 : cell.failed ? 1 : 0} ${marks[0]} ${marks[1]}`);
}

function lexicalNames() {
    let names = [];
    const session = new inspector.Session();
    try {
        session.connect();
        // Dispatched synchronously on the main thread, as the REPL relies on.
        session.post('Runtime.globalLexicalScopeNames', (error, result) => {
            if (!error) names = result.names;
        });
    } catch {
        names = [];
    } finally {
        session.disconnect();
    }
    return names;
}

function complete(id, word) {
    let matches = [];
    try {
        const dot = word.lastIndexOf('.');
        const prefix = dot < 0 ? word : word.slice(dot + 1);
        let names;
        if (dot < 0) {
            names = [...lexicalNames(), ...allProperties(globalThis)];
        } else {
            const owner = word.slice(0, dot);
            // Only a plain property path is evaluated (a getter may still run, as in the REPL).
            if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(owner)) throw new Error('not a path');
            const value = vm.runInThisContext(owner);
            names = value === null || value === undefined ? [] : allProperties(Object(value)).map((name) => owner + '.' + name);
        }
        const wanted = dot < 0 ? prefix : word;
        matches = [...new Set(names)].filter((name) => name.startsWith(wanted) && /^[\w$.]+$/.test(name)).sort().slice(0, 200);
    } catch {
        matches = [];
    }
    send(`completion ${id} ${matches.join('\t')}`);
}

function allProperties(object) {
    const names = [];
    for (let level = object; level !== null && names.length < 5000; level = Object.getPrototypeOf(level)) {
        names.push(...Object.getOwnPropertyNames(level));
    }
    return names;
}

// The requests FIFO as a non-blocking pipe handle: libuv polls it, so nothing of ours is in
// flight in the thread pool (which would count as a cell's pending work).
const requests = new net.Socket({ fd: fs.openSync(path.join(channel, 'requests'), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK), readable: true, writable: false });
let buffered = '';
let queue = Promise.resolve();
requests.setEncoding('utf8');
requests.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (marker === null) {
            marker = '\x1b]kernel-runner;' + line + '\x07';
            continue;
        }
        const [op, id, ...rest] = line.split(' ');
        const argument = rest.join(' ');
        if (op === 'run') {
            queue = queue.then(() => runCell(id, argument));
        } else if (op === 'complete') {
            complete(id, argument);
        }
    }
});
// The daemon closed the channel: the session is over.
requests.on('end', () => process.exit(0));
requests.on('error', () => process.exit(0));
send('ready');
