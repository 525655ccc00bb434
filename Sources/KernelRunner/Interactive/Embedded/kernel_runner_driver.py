"""kernel-runner's persistent Python query driver.

The daemon starts this script once and sends it snippets over a Unix socket (argv[1]); every
snippet runs in one namespace, so state carries over between runs. Frames in both directions are
a 4-byte big-endian length and a JSON object.

Output is not sent over the socket: the snippet writes to the real stdout (a pseudo-terminal)
and stderr (a pipe), which the daemon streams. Before any event that must follow earlier output
(media, end of run) the driver writes a marker (argv[2]) on both descriptors and reports how many
it wrote, so the daemon can hold the event back until that output has gone out.
"""

import ast
import base64
import builtins
import importlib.abc
import io
import json
import linecache
import os
import queue
import re
import signal
import socket
import struct
import sys
import threading
import traceback
import types

_MARKER = ("\x1b]kernel-runner;" + sys.argv[2] + "\x07").encode("ascii")
_HEADER = struct.Struct(">I")
_DRIVER_FILE = __file__


class _Channel:
    """The framed connection to the daemon; send() may be called from any thread."""

    def __init__(self, path):
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._socket.connect(path)
        self._lock = threading.Lock()

    def send(self, message):
        # "replace": a lone surrogate (text decoded with surrogateescape) must not break the frame.
        payload = json.dumps(message, ensure_ascii=False).encode("utf-8", "replace")
        with self._lock:
            self._socket.sendall(_HEADER.pack(len(payload)) + payload)

    def receive(self):
        header = self._exactly(_HEADER.size)
        if header is None:
            return None
        payload = self._exactly(_HEADER.unpack(header)[0])
        return None if payload is None else json.loads(payload)

    def _exactly(self, count):
        chunks = []
        while count:
            chunk = self._socket.recv(count)
            if not chunk:
                return None
            chunks.append(chunk)
            count -= len(chunk)
        return b"".join(chunks)


class _Markers:
    """Writes the output markers, only while fd 1 and 2 are still what the daemon reads."""

    def __init__(self):
        self.counts = [0, 0]
        self._identities = [self._identity(1), self._identity(2)]

    @staticmethod
    def _identity(fd):
        try:
            info = os.fstat(fd)
        except OSError:
            return None
        return (info.st_dev, info.st_ino)

    def write(self):
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            try:
                stream.flush()
            except Exception:
                pass
        for index, fd in enumerate((1, 2)):
            identity = self._identity(fd)
            if identity is None or identity != self._identities[index]:
                continue
            try:
                remaining = _MARKER
                while remaining:
                    remaining = remaining[os.write(fd, remaining):]
            except OSError:
                continue
            self.counts[index] += 1
        return list(self.counts)


class _Driver:
    def __init__(self, channel):
        # Our own functions keep using this module's globals once __main__ is the user's.
        self.own_module = sys.modules["__main__"]
        self.channel = channel
        self.markers = _Markers()
        self.requests = queue.Queue()
        self.executing = False
        # Snippets are numbered by the daemon; an interrupt names the one it is meant for.
        self.current = 0
        self.latest = 0
        self.interrupted = 0
        self.counter = 0
        self.module = types.ModuleType("__main__")
        self.module.__builtins__ = builtins
        self.namespace = self.module.__dict__
        sys.modules["__main__"] = self.module

    # Events

    def emit_media(self, mime, data):
        self.channel.send({"op": "media", "type": mime, "data": data, "marks": self.markers.write()})

    # Display

    def display(self, *objects):
        for value in objects:
            self.show(value, newline=True)

    def show(self, value, newline):
        """Sends the richest representation we map to media, else the text on stdout."""
        custom = getattr(value, "_ipython_display_", None)
        if callable(custom) and not isinstance(value, type):
            custom()
            return
        bundle = self.mime_bundle(value)
        for mime in ("image/png", "image/jpeg", "image/svg+xml", "text/html"):
            data = bundle.get(mime)
            if data is None:
                continue
            if mime in ("image/png", "image/jpeg"):
                if isinstance(data, (bytes, bytearray)):
                    data = base64.b64encode(data).decode("ascii")
                data = "data:%s;base64,%s" % (mime, "".join(str(data).split()))
            elif isinstance(data, (bytes, bytearray)):
                data = bytes(data).decode("utf-8", "replace")
            self.emit_media(mime, str(data))
            return
        text = bundle.get("text/plain")
        sys.stdout.write((repr(value) if text is None else str(text)) + ("\n" if newline else ""))

    @staticmethod
    def mime_bundle(value):
        if isinstance(value, type):
            return {}
        bundle = {}
        method = getattr(value, "_repr_mimebundle_", None)
        if callable(method):
            try:
                result = method(include=None, exclude=None)
            except TypeError:
                result = method()
            if isinstance(result, tuple):
                result = result[0]
            if isinstance(result, dict):
                bundle.update(result)
        for mime, name in (("image/png", "_repr_png_"), ("image/jpeg", "_repr_jpeg_"),
                           ("image/svg+xml", "_repr_svg_"), ("text/html", "_repr_html_")):
            method = getattr(value, name, None)
            if mime in bundle or not callable(method):
                continue
            result = method()
            if isinstance(result, tuple):
                result = result[0]
            if result is not None:
                bundle[mime] = result
        return bundle

    def show_figures(self):
        """plt.show() and the end of every run: each open matplotlib figure becomes a PNG."""
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is None:
            return
        for number in pyplot.get_fignums():
            buffer = io.BytesIO()
            pyplot.figure(number).savefig(buffer, format="png", bbox_inches="tight")
            self.emit_media("image/png", "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"))
        pyplot.close("all")

    # Input

    @staticmethod
    def input(prompt=""):
        # The builtin writes the prompt to stderr when stdin and stdout are terminals.
        if prompt:
            sys.stdout.write(str(prompt))
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError("EOF when reading a line")
        return line[:-1] if line.endswith("\n") else line

    # Running snippets

    def on_interrupt(self, signum, frame):
        # Outside a snippet an interrupt would kill the driver's own loop, and one meant for an
        # earlier snippet must not hit this one.
        if self.executing and self.interrupted == self.current:
            raise KeyboardInterrupt

    def interrupt(self, number):
        """On the reader thread: interrupts snippet `number`, at once or as soon as it starts."""
        if number != self.latest:
            return
        self.interrupted = number
        # SIGINT is blocked on this thread, so the main thread gets it (a blocking call returns)
        # and so do the programs the snippet started.
        os.killpg(os.getpgrp(), signal.SIGINT)

    def serve(self):
        while True:
            self.current, code = self.requests.get()
            exit_code = self.run(code)
            self.channel.send({"op": "done", "exit": exit_code, "marks": self.markers.write()})

    def run(self, code):
        self.counter += 1
        filename = "<snippet-%d>" % self.counter
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        self.discard_typeahead()
        try:
            self.executing = True
            try:
                if self.interrupted == self.current:
                    raise KeyboardInterrupt
                tree = compile(code, filename, "exec", ast.PyCF_ONLY_AST)
                last = None
                if tree.body and isinstance(tree.body[-1], ast.Expr):
                    last = ast.Expression(tree.body.pop().value)
                exec(compile(tree, filename, "exec"), self.namespace)
                if last is not None:
                    value = eval(compile(last, filename, "eval"), self.namespace)
                    if value is not None:
                        builtins._ = value
                        self.show(value, newline=False)
                self.show_figures()
            finally:
                self.executing = False
        except SystemExit as error:
            return self.exit_code(error)
        except BaseException as error:
            self.report(error)
            return 1
        return 0

    @staticmethod
    def discard_typeahead():
        # Input sent for an earlier run but never read must not answer this run's prompts.
        try:
            import termios
            termios.tcflush(0, termios.TCIFLUSH)
        except Exception:
            pass

    @staticmethod
    def exit_code(error):
        code = error.code
        if code is None:
            return 0
        if isinstance(code, int):
            return int(code)
        sys.stderr.write("%s\n" % (code,))
        return 1

    @staticmethod
    def report(error):
        summary = traceback.TracebackException(type(error), error, error.__traceback__)
        pending = [summary]
        while pending:
            # The driver's own frames (the exec call, the interrupt handler) mean nothing to users.
            current = pending.pop()
            current.stack = traceback.StackSummary.from_list(
                [frame for frame in current.stack if frame.filename != _DRIVER_FILE])
            pending += [chained for chained in (current.__cause__, current.__context__) if chained is not None]
        sys.stderr.write("".join(summary.format()))

    # Completion (on the reader thread, so it answers while a snippet runs)

    def complete(self, text):
        token = re.search(r"[\w.]*$", text).group(0)
        if not token or token[0].isdigit():
            return []
        completer = _rlcompleter.Completer(self.namespace)
        matches = []
        while len(matches) < 200:
            try:
                match = completer.complete(token, len(matches))
            except Exception:
                break
            if match is None:
                break
            matches.append(match)
        return list(dict.fromkeys(match.rstrip("(") for match in matches))

    def read_requests(self):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        while True:
            try:
                message = self.channel.receive()
            except OSError:
                message = None
            if message is None:
                # The daemon is gone: nothing will read our output any more.
                os._exit(0)
            if message["op"] == "execute":
                self.latest = message["id"]
                self.requests.put((message["id"], message["code"]))
            elif message["op"] == "interrupt":
                self.interrupt(message["id"])
            elif message["op"] == "complete":
                try:
                    matches = self.complete(message["text"])
                except Exception:
                    matches = []
                self.channel.send({"op": "completion", "id": message["id"], "matches": matches})


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader, patch):
        self.loader = loader
        self.patch = patch

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        self.patch(module)


class _PostImportHooks(importlib.abc.MetaPathFinder):
    """Adjusts a few modules right after they are imported, before user code sees them."""

    def __init__(self, patches):
        self.patches = patches

    def find_spec(self, name, path, target=None):
        patch = self.patches.get(name)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _PatchingLoader(spec.loader, patch)
                return spec
        return None


def _import_rlcompleter():
    # Importing rlcompleter loads readline, which would take over the terminal for input().
    saved = sys.modules.get("readline")
    sys.modules["readline"] = None
    try:
        import rlcompleter
    finally:
        if saved is None:
            del sys.modules["readline"]
        else:
            sys.modules["readline"] = saved
    return rlcompleter


def _main():
    channel = _Channel(sys.argv[1])
    driver = _Driver(channel)

    def patch_display(module):
        if hasattr(module, "display"):
            module.display = driver.display

    def patch_pyplot(module):
        # A plain function: pyplot sets attributes (__signature__) on its show().
        def show(*args, **kwargs):
            driver.show_figures()
        module.show = show

    sys.meta_path.insert(0, _PostImportHooks({
        "matplotlib.pyplot": patch_pyplot,
        "IPython.display": patch_display,
        "IPython.core.display_functions": patch_display,
    }))
    builtins.display = driver.display
    builtins.input = driver.input
    sys.argv = [""]
    sys.path[0] = ""
    signal.signal(signal.SIGINT, driver.on_interrupt)
    threading.Thread(target=driver.read_requests, name="kernel-runner-requests", daemon=True).start()
    channel.send({"op": "ready"})
    driver.serve()


_rlcompleter = _import_rlcompleter()
_main()
