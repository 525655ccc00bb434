"""Physical floors measured on the same machine, without any runner in between."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
import tty
from pathlib import Path

import zmq

from .client import Outcome
from .runners import LOOPBACK


def spawn_and_wait_ms(argv: list[str], count: int, pause_s: float = 0.0) -> list[float]:
    """posix_spawn + waitpid of argv, count times (each after a pause of pause_s); the duration of
    each in ms."""
    samples = []
    env = dict(os.environ)
    for _ in range(count):
        time.sleep(pause_s)
        started = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env)
        os.waitpid(pid, 0)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


class JupyterFloor:
    """A local ipykernel (this venv's, the runners' runtime) and bare round trips of
    `execute_request("pass")` to it, with jupyter_client's Session (signing, serialisation) over
    plain pyzmq sockets: from the request until both the `execute_reply` and the kernel's `idle`
    on iopub have arrived, which is when a runner may say `finished`. The floor of `code` through
    a Jupyter kernel. (jupyter_client's blocking client adds milliseconds of event-loop machinery
    per call, which no runner has to pay.)"""

    def __init__(self, context: zmq.Context) -> None:
        self._context = context

    def __enter__(self) -> JupyterFloor:
        from jupyter_client.manager import KernelManager

        self._manager = KernelManager(kernel_name="python3")
        self._manager.start_kernel(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._shell = self._context.socket(zmq.DEALER)
        self._iopub = self._context.socket(zmq.SUB)
        try:
            waiter = self._manager.blocking_client()
            waiter.start_channels()
            waiter.wait_for_ready(timeout=60)
            waiter.stop_channels()
            for sock, port in ((self._shell, self._manager.shell_port), (self._iopub, self._manager.iopub_port)):
                sock.setsockopt(zmq.LINGER, 0)
                sock.connect(f"tcp://{self._manager.ip}:{port}")
            self._iopub.setsockopt(zmq.SUBSCRIBE, b"")
            _wait_for_iopub(self._manager.session, self._shell, self._iopub)
        except BaseException:
            self.__exit__()
            raise
        self._poller = _poller(self._shell, self._iopub)
        return self

    def __exit__(self, *_: object) -> None:
        self._shell.close()
        self._iopub.close()
        self._manager.shutdown_kernel(now=True)

    def execute_ms(self, count: int) -> list[float]:
        """count round trips of `pass`, one after the other; the duration of each in ms."""
        session = self._manager.session
        samples = []
        for _ in range(count):
            started = time.perf_counter()
            request = session.send(self._shell, "execute_request", {"code": "pass", "silent": False, "store_history": True,
                                                                     "user_expressions": {}, "allow_stdin": False})  # fmt: skip
            replied = idle = False
            while not (replied and idle):
                ready = dict(self._poller.poll(30_000))
                if not ready:
                    raise TimeoutError("ipykernel did not answer `pass` within 30 s")
                if self._shell in ready:
                    _, message = session.recv(self._shell)
                    replied = replied or message["parent_header"].get("msg_id") == request["header"]["msg_id"]
                if self._iopub in ready:
                    _, message = session.recv(self._iopub)
                    idle = idle or (message["parent_header"].get("msg_id") == request["header"]["msg_id"]
                                    and message["msg_type"] == "status"
                                    and message["content"]["execution_state"] == "idle")  # fmt: skip
            samples.append((time.perf_counter() - started) * 1000)
        return samples


def _poller(*sockets: zmq.Socket) -> zmq.Poller:
    poller = zmq.Poller()
    for sock in sockets:
        poller.register(sock, zmq.POLLIN)
    return poller


def _wait_for_iopub(session: object, shell: zmq.Socket, iopub: zmq.Socket) -> None:
    """A SUB socket misses what is published before its subscription reaches the kernel:
    send kernel_info requests until the iopub socket sees the kernel's status messages."""
    poller = _poller(iopub)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        session.send(shell, "kernel_info_request", {})  # type: ignore[attr-defined]
        if poller.poll(200):
            break
    time.sleep(0.2)
    for sock in (shell, iopub):
        while sock.poll(0):
            sock.recv_multipart()


def pipe_to_zmq(command: list[str], context: zmq.Context, timeout_s: float) -> Outcome:
    """Bytes of command's stdout through a pipe, a forwarder process and a PUSH→PULL pair.

    Timed from the forwarder's "start" message (after its interpreter is up) to "finished".
    """
    pull = context.socket(zmq.PULL)
    pull.setsockopt(zmq.LINGER, 0)
    pull.setsockopt(zmq.RCVTIMEO, int(timeout_s * 1000))
    port = pull.bind_to_random_port(f"tcp://{LOOPBACK}")
    forwarder = Path(__file__).with_name("forwarder.py")
    process = subprocess.Popen([sys.executable, str(forwarder), f"tcp://{LOOPBACK}:{port}", *command])
    outcome = Outcome()
    try:
        pull.recv_multipart()  # "start"
        started = time.perf_counter()
        while True:
            kind, payload = pull.recv_multipart()
            if kind == b"finished":
                break
            outcome.add(kind.decode(), payload)
        outcome.elapsed_s = time.perf_counter() - started
        outcome.exit_code = 0
    except zmq.Again:
        outcome.exit_code = None
    finally:
        pull.close()
        _finish(process)
    return outcome


def pty_read(command: list[str], timeout_s: float) -> Outcome:
    """Bytes of command's stdout through a pseudo-terminal (raw mode), read here in 64 KiB
    reads: the ceiling of any runner that gives programs a pty for stdout. No ZeroMQ."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    outcome = Outcome()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=slave)
    os.close(slave)
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            try:
                chunk = os.read(master, 64 * 1024)
            except OSError:  # EIO: the last writer closed the terminal
                break
            if not chunk:
                break
            outcome.add("stdout", chunk)
    finally:
        os.close(master)
        _finish(process)
    outcome.elapsed_s = time.perf_counter() - started
    outcome.exit_code = process.returncode
    return outcome


def _finish(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
