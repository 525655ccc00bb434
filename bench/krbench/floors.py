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


def spawn_and_wait_ms(argv: list[str], count: int) -> list[float]:
    """posix_spawn + waitpid of argv, count times; the duration of each in ms."""
    samples = []
    env = dict(os.environ)
    for _ in range(count):
        started = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env)
        os.waitpid(pid, 0)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


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
