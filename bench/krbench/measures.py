"""The six measurements of issue 7, each against one runner (spec §1–§6 for the protocol)."""

from __future__ import annotations

import shlex
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import zmq

from . import floors
from .client import AgentClient, Outcome
from .procfs import cpu_seconds, rss_kib, settled_tree_rss_kib
from .runners import Launcher, LaunchError, RunningRunner, stop_runner

READY_TIMEOUT_S = 90.0  # the original answers `status` only once ipykernel is up (~1 s)
RUN_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Settings:
    starts: int
    settle_s: float
    runs: int
    idle_runs: int
    code_runs: int
    warmup: int
    floor_runs: int
    python_floor_runs: int
    stream_bytes: int
    stream_repeats: int
    lines: int
    queued: int
    python: Path  # the interpreter of the workloads and the runners' runtime path
    only: frozenset[str]
    references: tuple[Launcher, ...] = ()  # bench/minimal-runner's, measured in turns with `exec true`

    def wants(self, name: str) -> bool:
        return name in self.only


@dataclass
class QueueResult:
    count: int
    completed: int
    non_zero: int
    elapsed_s: float
    rss_fresh_kib: int
    rss_before_kib: int
    rss_after_kib: int
    rss_self_before_kib: int
    rss_self_after_kib: int


@dataclass
class Floors:
    spawn_true_ms: list[float] = field(default_factory=list)
    spawn_true_idle_ms: list[float] = field(default_factory=list)
    spawn_sh_true_ms: list[float] = field(default_factory=list)
    spawn_python_ms: list[float] = field(default_factory=list)
    jupyter_execute_ms: list[float] = field(default_factory=list)
    pipe_zmq_mbps: list[float] = field(default_factory=list)
    pipe_zmq_runs: list[Outcome] = field(default_factory=list)
    pty_mbps: list[float] = field(default_factory=list)
    # bench/minimal-runner's runners by label: `exec true` round trips, and CPU per run (ms).
    reference_ms: dict[str, list[float]] = field(default_factory=dict)
    reference_cpu_ms: dict[str, float] = field(default_factory=dict)


@dataclass
class RunnerResults:
    label: str
    version: str
    ready_ms: list[float] = field(default_factory=list)
    endpoints_ms: list[float] = field(default_factory=list)
    rss_tree_kib: list[float] = field(default_factory=list)
    rss_self_kib: list[float] = field(default_factory=list)
    exec_ms: list[float] = field(default_factory=list)
    exec_failures: int = 0
    exec_cpu_ms_per_run: float | None = None
    exec_idle_ms: list[float] = field(default_factory=list)
    code_ms: list[float] = field(default_factory=list)
    code_failures: int = 0
    throughput_mbps: list[float] = field(default_factory=list)
    throughput_runs: list[Outcome] = field(default_factory=list)
    throughput_cpu_s: list[float] = field(default_factory=list)
    lines: Outcome | None = None
    queue: QueueResult | None = None
    notes: list[str] = field(default_factory=list)
    floors: Floors = field(default_factory=Floors)  # measured in turns with this runner's runs


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---- helpers -------------------------------------------------------------------------------


@contextmanager
def serving(launcher: Launcher, context: zmq.Context) -> Iterator[tuple[RunningRunner, AgentClient]]:
    """A fresh runner that has answered `status`, and a client connected to it."""
    runner = launcher.launch()
    client = AgentClient(context, runner.input_endpoint, runner.output_endpoint)
    try:
        client.send("status")
        client.wait_for("status", READY_TIMEOUT_S)
        yield runner, client
    finally:
        client.close()
        stop_runner(runner)


def _guarded(results: RunnerResults, name: str, body: Callable[[], None]) -> None:
    """Run one measurement; a failure becomes a note in the report instead of an abort."""
    say(f"[{results.label}] {name} ...")
    started = time.monotonic()
    try:
        body()
    except (TimeoutError, LaunchError, OSError, zmq.ZMQError) as error:
        results.notes.append(f"{name}: failed: {error}")
        say(f"[{results.label}] {name} failed: {error}")
        traceback.print_exc(file=sys.stderr)
    say(f"[{results.label}] {name} done in {time.monotonic() - started:.1f} s")


# How long a runner rests before each run of 3d: what a user's pause between two runs is to the
# kernel (caches, idle CPUs, synchronisation that only back-to-back runs keep warm).
IDLE_PAUSE_S = 0.1


def _round_trips(
    client: AgentClient, op: str, payload: str, count: int, pause_s: float = 0.0
) -> tuple[list[float], int]:
    samples, failures = [], 0
    for _ in range(count):
        time.sleep(pause_s)
        outcome = client.run(op, payload, RUN_TIMEOUT_S)
        samples.append(outcome.elapsed_s * 1000)
        if outcome.exit_code != 0:
            failures += 1
    return samples, failures


# Runs and their floor take turns in blocks of this many, so that both see the same machine: its
# speed drifts by more than the margins being measured within minutes (bench/README.md).
TURN = 100


def _turns(count: int) -> list[int]:
    return [min(TURN, count - start) for start in range(0, count, TURN)]


def _mbps(outcome: Outcome) -> float:
    return outcome.payload_bytes["stdout"] / 1e6 / outcome.elapsed_s if outcome.elapsed_s else 0.0


def stream_command(size: int) -> list[str]:
    return ["head", "-c", str(size), "/dev/zero"]


def lines_command(python: Path, count: int) -> str:
    program = f"for i in range({count}): print(i)"
    return f"{shlex.quote(str(python))} -c {shlex.quote(program)}"


# ---- 1 + 2: readiness and idle memory ---------------------------------------------------------


def measure_startup(launcher: Launcher, context: zmq.Context, s: Settings, r: RunnerResults) -> None:
    for attempt in range(s.starts + 1):  # the first start only warms caches
        runner = launcher.launch()
        client = AgentClient(context, runner.input_endpoint, runner.output_endpoint)
        try:
            client.send("status")
            client.wait_for("status", READY_TIMEOUT_S)
            ready_ms = (time.perf_counter() - runner.launched_at) * 1000
            tree_kib = settled_tree_rss_kib(runner.pid, s.settle_s)
            if attempt > 0:
                r.ready_ms.append(ready_ms)
                r.endpoints_ms.append((runner.endpoints_at - runner.launched_at) * 1000)
                r.rss_tree_kib.append(tree_kib)
                r.rss_self_kib.append(rss_kib(runner.pid))
        finally:
            client.close()
            stop_runner(runner)


# ---- 3: per-run overhead ---------------------------------------------------------------------


def measure_exec(launcher: Launcher, context: zmq.Context, s: Settings, r: RunnerResults) -> None:
    true = ["/bin/true"]
    with serving(launcher, context) as (runner, client), ExitStack() as stack:
        references = [stack.enter_context(serving(reference, context)) for reference in s.references]
        _round_trips(client, "exec", "true", s.warmup)
        floors.spawn_and_wait_ms(true, s.warmup)
        for _, reference in references:
            _round_trips(reference, "exec", "true", s.warmup)
        reference_cpu_s = {running.label: 0.0 for running, _ in references}
        cpu_before = cpu_seconds(runner.pid)
        for count in _turns(s.runs):
            samples, failures = _round_trips(client, "exec", "true", count)
            r.exec_ms += samples
            r.exec_failures += failures
            r.floors.spawn_true_ms += floors.spawn_and_wait_ms(true, count)
            for running, reference in references:
                before = cpu_seconds(running.pid)
                r.floors.reference_ms.setdefault(running.label, []).extend(_round_trips(reference, "exec", "true", count)[0])
                reference_cpu_s[running.label] += cpu_seconds(running.pid) - before
        # The runner idles while the floors run: its CPU time is all its runs'.
        r.exec_cpu_ms_per_run = (cpu_seconds(runner.pid) - cpu_before) * 1000 / max(1, s.runs)
        for label, seconds in reference_cpu_s.items():
            r.floors.reference_cpu_ms[label] = seconds * 1000 / max(1, s.runs)
        for _ in range(s.idle_runs):
            samples, failures = _round_trips(client, "exec", "true", 1, pause_s=IDLE_PAUSE_S)
            r.exec_idle_ms += samples
            r.exec_failures += failures
            r.floors.spawn_true_idle_ms += floors.spawn_and_wait_ms(true, 1, pause_s=IDLE_PAUSE_S)


def measure_code(launcher: Launcher, context: zmq.Context, s: Settings, r: RunnerResults) -> None:
    with serving(launcher, context) as (_, client), floors.JupyterFloor(context) as floor:
        probe = client.run("code", "pass", RUN_TIMEOUT_S)
        if probe.exit_code != 0:
            r.notes.append(f"code: `pass` gave exit code {probe.exit_code}; query mode unavailable")
            return
        _round_trips(client, "code", "pass", s.warmup)
        floor.execute_ms(s.warmup)
        for count in _turns(s.code_runs):
            samples, failures = _round_trips(client, "code", "pass", count)
            r.code_ms += samples
            r.code_failures += failures
            r.floors.jupyter_execute_ms += floor.execute_ms(count)


# ---- 4 + 5: output --------------------------------------------------------------------------


def measure_throughput(launcher: Launcher, context: zmq.Context, s: Settings, r: RunnerResults) -> None:
    command = " ".join(stream_command(s.stream_bytes))
    with serving(launcher, context) as (runner, client):
        for _ in range(s.stream_repeats):
            cpu_before = cpu_seconds(runner.pid)
            outcome = client.run("exec", command, timeout_s=300.0)
            r.throughput_cpu_s.append(cpu_seconds(runner.pid) - cpu_before)
            r.throughput_runs.append(outcome)
            r.throughput_mbps.append(_mbps(outcome))
            if outcome.payload_bytes["stdout"] != s.stream_bytes:
                r.notes.append(
                    f"throughput: got {outcome.payload_bytes['stdout']} stdout bytes, "
                    f"expected {s.stream_bytes}"
                )
            floor = floors.pipe_to_zmq(stream_command(s.stream_bytes), context, timeout_s=300.0)
            r.floors.pipe_zmq_runs.append(floor)
            r.floors.pipe_zmq_mbps.append(_mbps(floor))
            r.floors.pty_mbps.append(_mbps(floors.pty_read(stream_command(s.stream_bytes), timeout_s=300.0)))


def measure_lines(launcher: Launcher, context: zmq.Context, s: Settings, r: RunnerResults) -> None:
    with serving(launcher, context) as (_, client):
        r.lines = client.run("exec", lines_command(s.python, s.lines), timeout_s=300.0)


# ---- 6: queued runs -------------------------------------------------------------------------


def measure_queue(launcher: Launcher, context: zmq.Context, s: Settings, r: RunnerResults) -> None:
    with serving(launcher, context) as (runner, client):
        fresh = settled_tree_rss_kib(runner.pid, s.settle_s)
        _round_trips(client, "exec", "true", s.warmup)
        before, self_before = settled_tree_rss_kib(runner.pid, s.settle_s), rss_kib(runner.pid)
        started = time.perf_counter()
        for _ in range(s.queued):
            client.send("exec", "true")
        completed, non_zero = _collect_queued(client, s.queued)
        elapsed = time.perf_counter() - started
        after = settled_tree_rss_kib(runner.pid, s.settle_s)
        r.queue = QueueResult(
            count=s.queued, completed=completed, non_zero=non_zero, elapsed_s=elapsed,
            rss_fresh_kib=fresh, rss_before_kib=before, rss_after_kib=after,
            rss_self_before_kib=self_before, rss_self_after_kib=rss_kib(runner.pid),  # after the settle
        )  # fmt: skip


def _collect_queued(client: AgentClient, count: int) -> tuple[int, int]:
    completed = non_zero = 0
    while completed < count:
        outcome = client.collect("exec", RUN_TIMEOUT_S)
        completed += 1
        non_zero += outcome.exit_code != 0
    return completed, non_zero


# ---- driver ---------------------------------------------------------------------------------

MEASURES: dict[str, Callable[[Launcher, zmq.Context, Settings, RunnerResults], None]] = {
    "startup": measure_startup,
    "exec": measure_exec,
    "code": measure_code,
    "throughput": measure_throughput,
    "lines": measure_lines,
    "queue": measure_queue,
}


def measure_runner(launcher: Launcher, context: zmq.Context, s: Settings) -> RunnerResults:
    results = RunnerResults(launcher.label, launcher.version())
    for name, measure in MEASURES.items():
        if s.wants(name):
            _guarded(results, name, lambda: measure(launcher, context, s, results))
    return results


def measure_floors(context: zmq.Context, s: Settings, paired: Floors) -> Floors:
    """The floors measured in turns with a runner's runs (`paired`), and the bare spawns of a
    shell and of Python, which no target compares with."""
    result = replace(paired)
    say("[floor] bare spawns ...")
    if s.wants("exec") or s.wants("queue"):
        result.spawn_sh_true_ms = floors.spawn_and_wait_ms(["/bin/sh", "-c", "true"], s.floor_runs)
    if s.wants("code"):
        result.spawn_python_ms = floors.spawn_and_wait_ms([str(s.python), "-c", "pass"], s.python_floor_runs)
    return result
