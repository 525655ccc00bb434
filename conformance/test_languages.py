"""Every language, as the real agent's client code sees it: one fresh daemon per language."""

from __future__ import annotations

import time

import pytest

from agent import Run
from conftest import Session
from languages import ANSWER, GREETING, HELLO, PROJECT_OUTPUT
from report import record

# The interrupt must end the run this fast (the bound); compile time is not counted.
INTERRUPT_BOUND = 2.0


def checked(run: Run) -> Run:
    """Fails when output went missing anywhere but in the agent's own race, or was duplicated."""
    for stream in ("stdout", "stderr"):
        unaccounted = run.unaccounted(stream)
        # Only the ends: a failed 24 MiB run would print megabytes into the CI log.
        assert not unaccounted, (
            f"{len(unaccounted)} characters of {stream} lost or duplicated: {unaccounted[:200]!r} … {unaccounted[-200:]!r}; "
            f"statuses {run.statuses}")
    return run


def test_status_answers_with_the_start_time(session: Session) -> None:
    status = session.run(session.kernel.status())
    assert isinstance(status["started_at"], float)


def test_query_hello_world(session: Session) -> None:
    run = checked(session.run(session.kernel.run("query", session.language.hello)))
    # A cold compiler on a busy machine may outlast the client's 2 s slice: `continued` first.
    assert set(run.statuses[:-1]) <= {"continued"} and run.statuses[-1] == "finished", run.results
    assert run.exit_code == 0, run.stderr
    assert run.stdout == HELLO
    assert run.stderr == ""
    record(session.language.name, "hello", f"`finished` {run.exit_code}")


def test_query_reads_a_line(session: Session) -> None:
    run = checked(session.run(session.kernel.run("query", session.language.read_line, answers=[ANSWER])))
    assert "waiting-input" in run.statuses, run.results
    assert run.input_requests == [{"is_password": False}], run.results
    assert run.statuses[-1] == "finished"
    assert run.exit_code == 0, run.stderr
    assert run.stdout.endswith(GREETING), run.stdout
    record(session.language.name, "input", f"`waiting-input` {run.input_requests[0]} → `finished` 0")


def test_error_exits_non_zero_with_the_message_on_stderr(session: Session) -> None:
    run = checked(session.run(session.kernel.run("query", session.language.error)))
    assert run.statuses[-1] == "finished"
    assert run.exit_code not in (0, None)
    assert session.language.error_text in run.stderr, f"stdout: {run.stdout!r}\nstderr: {run.stderr!r}"
    record(session.language.name, "error", f"`finished` {run.exit_code}, stderr")


def test_interrupt_ends_an_endless_loop(session: Session) -> None:
    interrupted_at: list[float] = []

    async def interrupt_once_ready(run: Run) -> None:
        if not interrupted_at and "ready" in run.stdout:
            interrupted_at.append(time.monotonic())
            await session.kernel.interrupt()

    run = checked(session.run(session.kernel.run("query", session.language.endless, flush_timeout=0.2, on_result=interrupt_once_ready)))
    assert interrupted_at, f"the loop never printed ready: {run.results}"
    latency = time.monotonic() - interrupted_at[0]
    assert run.statuses[-1] == "finished"
    assert "continued" in run.statuses
    assert run.exit_code not in (0, None), run.results[-1]
    assert latency <= INTERRUPT_BOUND, f"finished {latency:.2f} s after the interrupt"
    record(session.language.name, "interrupt", f"`finished` {run.exit_code} after {latency * 1000:.0f} ms")


def test_batch_builds_and_runs_a_project(session: Session) -> None:
    session.daemon.write(session.language.project)
    run = checked(session.run(session.kernel.run("batch", opts={"clean": "*", "build": "*", "exec": "*"})))
    terminals = [(op, payload) for op, payload in run.wire if op.endswith("finished")]
    # What the daemon sent: three terminal frames, all successful, and the program's output.
    assert [op for op, _ in terminals] == ["clean-finished", "build-finished", "finished"], terminals
    assert all(b'"exitCode": 0' in payload for _, payload in terminals), terminals
    assert run.sent_text("stdout").endswith(PROJECT_OUTPUT), f"{run.sent_text('stdout')!r}\n{run.sent_text('stderr')}"
    # What the client got: all of it (checked()), but what the agent itself dropped (README: the agent's race).
    if not run.dropped:
        assert run.stdout.endswith(PROJECT_OUTPUT)
        assert run.exit_codes() == {"clean-finished": 0, "build-finished": 0, "finished": 0}, run.results
    lost = len(run.dropped)
    record(session.language.name, "batch", " → ".join(f"`{status}`" for status in run.statuses)
           + (f" ({lost} frames dropped by the agent)" if lost else ""))


def test_complete_returns_a_success(session: Session) -> None:
    result = session.run(session.kernel.complete(session.language.completion))
    assert result.status == "finished", result
    assert result.error is None
    assert isinstance(result.suggestions, list)
    record(session.language.name, "complete", f"{len(result.suggestions)} suggestions")
