"""The agent side of the wire protocol, reduced to what the benchmark needs (spec §2–§5)."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field

import zmq

TERMINAL_OF_OP = {
    "exec": "finished",
    "code": "finished",
    "build": "build-finished",
    "clean": "clean-finished",
}


@dataclass
class Outcome:
    """What one queued task produced until its terminal frame."""

    exit_code: int | None = None
    elapsed_s: float = 0.0
    frames: Counter[str] = field(default_factory=Counter)
    payload_bytes: Counter[str] = field(default_factory=Counter)
    largest_frame: int = 0

    def add(self, kind: str, payload: bytes) -> None:
        self.frames[kind] += 1
        self.payload_bytes[kind] += len(payload)
        self.largest_frame = max(self.largest_frame, len(payload))


class AgentClient:
    """A PUSH socket to the runner's input port and a PULL socket from its output port."""

    def __init__(self, context: zmq.Context, input_endpoint: str, output_endpoint: str) -> None:
        self.push = context.socket(zmq.PUSH)
        self.pull = context.socket(zmq.PULL)
        for sock in (self.push, self.pull):
            sock.setsockopt(zmq.LINGER, 0)
            sock.setsockopt(zmq.RECONNECT_IVL, 2)  # the original binds late; retry fast
        self.push.setsockopt(zmq.SNDHWM, 0)  # queue 10k requests without blocking
        self.pull.setsockopt(zmq.RCVHWM, 0)
        self.push.connect(input_endpoint)
        self.pull.connect(output_endpoint)
        self._timeout_ms: int | None = None

    def close(self) -> None:
        self.push.close()
        self.pull.close()

    def send(self, op: str, payload: str | bytes = b"") -> None:
        data = payload.encode() if isinstance(payload, str) else payload
        self.push.send_multipart([op.encode(), data])

    def receive(self, timeout_s: float) -> tuple[str, bytes]:
        """The next [type, payload] message; TimeoutError after timeout_s without one."""
        timeout_ms = max(1, int(timeout_s * 1000))
        if timeout_ms != self._timeout_ms:
            self.pull.setsockopt(zmq.RCVTIMEO, timeout_ms)
            self._timeout_ms = timeout_ms
        try:
            parts = self.pull.recv_multipart()
        except zmq.Again:
            raise TimeoutError(f"no frame from the runner within {timeout_s:.1f} s") from None
        if len(parts) != 2:
            return "<malformed>", b"".join(parts)
        return parts[0].decode("ascii", "replace"), parts[1]

    def wait_for(self, kind: str, timeout_s: float) -> bytes:
        """Skip frames until one of the given type arrives; its payload."""
        deadline = time.monotonic() + timeout_s
        while True:
            got, payload = self.receive(max(0.001, deadline - time.monotonic()))
            if got == kind:
                return payload

    def collect(self, op: str, timeout_s: float, outcome: Outcome | None = None) -> Outcome:
        """Frames of the task in progress until its terminal frame (time not measured here)."""
        outcome = outcome or Outcome()
        terminal = TERMINAL_OF_OP[op]
        deadline = time.monotonic() + timeout_s
        while True:
            kind, payload = self.receive(max(0.001, deadline - time.monotonic()))
            if kind == terminal:
                outcome.exit_code = _exit_code(payload)
                return outcome
            outcome.add(kind, payload)

    def run(self, op: str, payload: str, timeout_s: float) -> Outcome:
        """Send one task and wait for its terminal frame; the round trip is in elapsed_s."""
        started = time.perf_counter()
        self.send(op, payload)
        outcome = self.collect(op, timeout_s)
        outcome.elapsed_s = time.perf_counter() - started
        return outcome


def _exit_code(payload: bytes) -> int | None:
    try:
        return int(json.loads(payload)["exitCode"])
    except (ValueError, KeyError, TypeError):
        return None
