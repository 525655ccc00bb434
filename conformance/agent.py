"""The real Backend.AI agent's client code, pointed at a kernel-runner on 127.0.0.1.

`LoopbackCodeRunner` is the agent's `AbstractCodeRunner` with the two addresses it asks its
subclasses for, plus a tap on the socket it reads: the tap never changes what the agent does, it
only records every message that arrived and which of them the agent threw away in its own race
(see `README.md`, "The agent's race"). `Kernel` plays the manager: it calls the agent's
`AbstractKernel.execute` and loops the way Backend.AI's client does.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ai.backend.agent.kernel import AbstractCodeRunner, AbstractKernel, ClientFeatures, SocketPair
from ai.backend.common.types import KernelId, SessionId

# Replies the agent routes to queues of their own; everything else belongs to the attached run.
SIDE_REPLIES = {b"status", b"completion", b"service-result", b"model-service-result", b"model-service-status", b"apps-result"}
TERMINAL_STATUSES = {"finished", "clean-finished", "build-finished"}


class TappedSocketPair(SocketPair):
    """The agent's socket pair; every received message is shown to `on_message` first."""

    def __init__(self, pair: SocketPair, on_message: Callable[[list[bytes]], None]) -> None:
        super().__init__(pair.input_sock, pair.output_sock)
        self._on_message = on_message

    async def recv_multipart(self) -> list[bytes]:
        frames = await super().recv_multipart()
        self._on_message(frames)
        return frames


class LoopbackCodeRunner(AbstractCodeRunner):
    """`AbstractCodeRunner` connected to a daemon on 127.0.0.1, as the Docker agent connects."""

    def __init__(self, input_port: int, output_port: int) -> None:
        super().__init__(
            KernelId(uuid.uuid4()),
            SessionId(uuid.uuid4()),
            None,  # the event producer: AbstractCodeRunner never uses it
            client_features=frozenset({ClientFeatures.INPUT.value, ClientFeatures.CONTINUATION.value}),
        )
        self.input_port = input_port
        self.output_port = output_port
        # Every message received, in order.
        self.wire: list[tuple[str, bytes]] = []
        # Run records the agent dropped: received while no run was attached, or left in a run's
        # queue when the agent detached it after a terminal frame.
        self.dropped: list[tuple[str, str]] = []
        self.model_statuses: list[dict[str, Any]] = []

    async def get_repl_in_addr(self) -> str:
        return f"tcp://127.0.0.1:{self.input_port}"

    async def get_repl_out_addr(self) -> str:
        return f"tcp://127.0.0.1:{self.output_port}"

    async def _create_sockets(self) -> SocketPair:
        return TappedSocketPair(await super()._create_sockets(), self._received)

    def _received(self, frames: list[bytes]) -> None:
        if len(frames) != 2:
            self.wire.append(("<malformed>", b"".join(frames)))
            return
        op, payload = frames
        self.wire.append((op.decode("ascii", "replace"), payload))
        if op == b"model-service-status":
            self.model_statuses.append(_json(payload))
        elif op not in SIDE_REPLIES and self.output_queue is None:
            # read_output() drops it right after this returns.
            self.dropped.append((op.decode("ascii", "replace"), payload.decode("utf-8", "replace")))

    def next_output_queue(self) -> None:
        queue = self.output_queue
        while queue is not None and not queue.empty():
            record = queue.get_nowait()
            self.dropped.append((record.msg_type, record.data or ""))
        super().next_output_queue()



def _json(payload: bytes) -> Any:
    return json.loads(payload) if payload else {}


@dataclass
class Run:
    """Every result one client loop got back from `execute`, and what the agent dropped meanwhile."""

    results: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    # Every message received while the run was in progress.
    wire: list[tuple[str, bytes]] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def statuses(self) -> list[str]:
        return [result["status"] for result in self.results]

    @property
    def exit_code(self) -> int | None:
        return self.results[-1]["exitCode"] if self.results else None

    @property
    def console(self) -> list[tuple[str, Any]]:
        return [tuple(item) for result in self.results for item in result["console"]]

    def text(self, stream: str) -> str:
        return "".join(data for kind, data in self.console if kind == stream)

    @property
    def stdout(self) -> str:
        return self.text("stdout")

    @property
    def stderr(self) -> str:
        return self.text("stderr")

    def dropped_text(self, stream: str) -> str:
        return "".join(data for kind, data in self.dropped if kind == stream)

    def sent_text(self, stream: str) -> str:
        return b"".join(payload for kind, payload in self.wire if kind == stream).decode("utf-8", "replace")

    def unaccounted(self, stream: str) -> str:
        """Characters of `stream` the daemon sent that the client neither got nor saw the agent
        drop, and characters the client got that were never sent; empty when all is well."""
        sent = Counter(self.sent_text(stream))
        seen = Counter(self.text(stream)) + Counter(self.dropped_text(stream))
        return "".join(((sent - seen) + (seen - sent)).elements())

    def exit_codes(self) -> dict[str, int]:
        """The exit code of each terminal status the client saw."""
        return {result["status"]: result["exitCode"] for result in self.results if result["status"] in TERMINAL_STATUSES}

    @property
    def input_requests(self) -> list[dict[str, Any]]:
        return [result["options"] for result in self.results if result["status"] == "waiting-input"]


class Kernel:
    """What the manager holds for a kernel: `AbstractKernel.execute` reads only these two attributes."""

    def __init__(self, runner: LoopbackCodeRunner) -> None:
        self.runner = runner
        self.kernel_id = runner.kernel_id

    @classmethod
    async def connect(cls, input_port: int, output_port: int) -> Kernel:
        runner = await LoopbackCodeRunner.new(input_port, output_port)
        return cls(runner)

    async def close(self) -> None:
        await self.runner.close()

    async def execute(self, run_id: str, mode: str, text: str = "", *, opts: Mapping[str, Any] | None = None,
                      flush_timeout: float = 2.0) -> dict[str, Any]:
        return await AbstractKernel.execute(  # type: ignore[arg-type]
            self, run_id, mode, text, opts=opts or {}, api_version=2, flush_timeout=flush_timeout)

    async def run(
        self,
        mode: str,
        text: str = "",
        *,
        opts: Mapping[str, Any] | None = None,
        answers: Iterable[str] = (),
        flush_timeout: float = 2.0,
        on_result: Callable[[Run], Awaitable[None]] | None = None,
        timeout: float = 120.0,
    ) -> Run:
        """One API request to its end, as Backend.AI's client drives it: `continue` after each
        slice and after `clean-finished`/`build-finished` (at once: see the agent's race),
        `input` with the next answer after `waiting-input`, until `finished`."""
        run = Run()
        wire_start = len(self.runner.wire)
        dropped_before = len(self.runner.dropped)
        answers = iter(answers)
        run_id = secrets.token_hex(8)
        started = time.monotonic()

        async def loop() -> None:
            result = await self.execute(run_id, mode, text, opts=opts, flush_timeout=flush_timeout)
            while True:
                run.results.append(result)
                if on_result is not None:
                    await on_result(run)
                status = result["status"]
                if status == "finished":
                    return
                if status == "waiting-input":
                    result = await self.execute(run_id, "input", next(answers), flush_timeout=flush_timeout)
                elif status in ("continued", "clean-finished", "build-finished"):
                    if self._terminal_frame_dropped(dropped_before):
                        return  # the agent lost the run's `finished`: its client would wait forever
                    result = await self.execute(run_id, "continue", flush_timeout=flush_timeout)
                else:
                    raise AssertionError(f"unexpected status {status!r}: {result}")

        try:
            await asyncio.wait_for(loop(), timeout)
        finally:
            run.elapsed = time.monotonic() - started
            run.dropped = self.runner.dropped[dropped_before:]
            run.wire = self.runner.wire[wire_start:]
        return run

    def _terminal_frame_dropped(self, since: int) -> bool:
        return any(kind == "finished" for kind, _ in self.runner.dropped[since:])

    async def status(self) -> dict[str, float]:
        reply = await asyncio.wait_for(self.runner.feed_and_get_status(), 10)
        assert reply is not None, "no status reply"
        return reply

    async def complete(self, code: str, opts: Mapping[str, Any] | None = None) -> Any:
        return await asyncio.wait_for(self.runner.feed_and_get_completion(code, opts or {}), 10)

    async def interrupt(self) -> None:
        await self.runner.feed_interrupt()
