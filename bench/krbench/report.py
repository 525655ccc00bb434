"""The markdown report: machine, settings, one table of ours vs the original, and notes."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import zmq

from .client import Outcome
from .measures import IDLE_PAUSE_S, Floors, RunnerResults, Settings
from .stats import Figure

MIB = 1024.0  # KiB per MiB


@dataclass
class Row:
    number: str
    measure: str
    ours: Figure | None
    original: Figure | None
    floor: str = "—"
    target: str = "—"
    met: str = "—"
    digits: int = 1
    single: bool = False  # one value: no p99 column


# ---- machine ---------------------------------------------------------------------------------


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gib() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / MIB / MIB:.1f} GiB"
    return "unknown"


def _git_revision(repo: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "describe", "--always", "--dirty"],
            capture_output=True, text=True, timeout=10, check=True,
        )  # fmt: skip
        return out.stdout.strip()
    except (subprocess.SubprocessError, OSError):
        return "uncommitted"


def machine_lines(repo: Path, load_before: tuple[float, ...]) -> list[str]:
    return [
        f"- date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
        f"- machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {_cpu_model()}, "
        f"{_memory_gib()} RAM, kernel {platform.release()}",
        f"- load average before / after: {' '.join(f'{v:.2f}' for v in load_before)} / "
        f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}",
        f"- client: Python {platform.python_version()}, pyzmq {zmq.pyzmq_version()}, "
        f"libzmq {zmq.zmq_version()}",
        f"- repository: {_git_revision(repo)}",
    ]


# ---- formatting -------------------------------------------------------------------------------


def _number(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}"


def _cells(figure: Figure | None, row: Row) -> list[str]:
    if figure is None:
        return ["n/a", "n/a"]
    if row.single:
        return [_number(figure.p50, row.digits), "—"]
    return [_number(figure.p50, row.digits), _number(figure.p99, row.digits)]


def _ratio(row: Row) -> str:
    if row.ours is None or row.original is None or row.original.p50 == 0:
        return "—"
    return f"{row.ours.p50 / row.original.p50:.3f}"


def render_table(rows: list[Row]) -> list[str]:
    lines = [
        "| # | measure | ours p50 | ours p99 | original p50 | original p99 | ours/original (p50) | floor | target | met |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|---|",
    ]
    for row in rows:
        cells = [row.number, row.measure, *_cells(row.ours, row), *_cells(row.original, row),
                 _ratio(row), row.floor, row.target, row.met]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "**no**")


def _both(ours: Figure | None, original: Figure | None, test: Callable[[float, float], bool]) -> bool | None:
    if ours is None or original is None:
        return None
    return test(ours.p50, original.p50)


# ---- rows -----------------------------------------------------------------------------------


def _of(results: RunnerResults | None, pick: Callable[[RunnerResults], list[float]], **kw: bool) -> Figure | None:
    return Figure.of(pick(results), **kw) if results else None


def _single(results: RunnerResults | None, pick: Callable[[RunnerResults], float | None]) -> Figure | None:
    value = pick(results) if results else None
    return Figure.single(value) if value is not None else None


def _startup_rows(ours: RunnerResults | None, orig: RunnerResults | None) -> list[Row]:
    ready_o, ready_x = _of(ours, lambda r: r.ready_ms), _of(orig, lambda r: r.ready_ms)
    ports_o = _of(ours, lambda r: r.endpoints_ms)
    rss_o = _of(ours, lambda r: [v / MIB for v in r.rss_tree_kib])
    rss_x = _of(orig, lambda r: [v / MIB for v in r.rss_tree_kib])
    self_o = _of(ours, lambda r: [v / MIB for v in r.rss_self_kib])
    self_x = _of(orig, lambda r: [v / MIB for v in r.rss_self_kib])
    return [
        Row("1", "ready: process start → first `status` reply (ms)", ready_o, ready_x,
            target="≤ 1/20 of original", met=_verdict(_both(ready_o, ready_x, lambda a, b: a <= b / 20))),
        Row("1b", "of which: until the ready file names the ports (ms; the original's are fixed)", ports_o, None),
        Row("2", "idle RSS, runner + its children (MiB)", rss_o, rss_x,
            target="≤ 1/10 of original", met=_verdict(_both(rss_o, rss_x, lambda a, b: a <= b / 10))),
        Row("2b", "idle RSS, runner process alone (MiB)", self_o, self_x),
    ]  # fmt: skip


def _overhead_rows(ours: RunnerResults | None, orig: RunnerResults | None, floors: Floors, s: Settings) -> list[Row]:
    exec_o, exec_x = _of(ours, lambda r: r.exec_ms), _of(orig, lambda r: r.exec_ms)
    code_o, code_x = _of(ours, lambda r: r.code_ms), _of(orig, lambda r: r.code_ms)
    true_floor = Figure.of(floors.spawn_true_ms)
    sh_floor = Figure.of(floors.spawn_sh_true_ms)
    py_floor = Figure.of(floors.spawn_python_ms)
    jupyter_floor = Figure.of(floors.jupyter_execute_ms)
    references = {label: Figure.of(samples) for label, samples in floors.reference_ms.items()}
    exec_floor = "n/a"
    exec_met: bool | None = None
    if true_floor:
        beside = [f"`sh -c true` {sh_floor.p50:.2f}"] if sh_floor else []
        beside += [f"{label} runner {figure.p50:.2f}" for label, figure in references.items() if figure]
        exec_floor = f"{true_floor.p50:.2f}" + (f" ({'; '.join(beside)})" if beside else "")
        if exec_o:
            exec_met = exec_o.p50 <= true_floor.p50 + 0.3 and (exec_x is None or exec_o.p50 <= exec_x.p50 / 5)
    cpu_o = _single(ours, lambda r: r.exec_cpu_ms_per_run)
    idle_o, idle_x = _of(ours, lambda r: r.exec_idle_ms), _of(orig, lambda r: r.exec_idle_ms)
    idle_floor = Figure.of(floors.spawn_true_idle_ms)
    code_met = code_o.p50 <= jupyter_floor.p50 + 0.5 if code_o and jupyter_floor else None
    code_floor = "n/a"
    if jupyter_floor:
        code_floor = f"{jupyter_floor.p50:.2f} (bare jupyter_client execute)"
        if py_floor:
            code_floor += f"; spawn `python -c pass` {py_floor.p50:.2f}"
    rows = [
        Row("3", "`exec true` round trip, sequential (ms)", exec_o, exec_x, floor=exec_floor,
            target="≤ floor + 0.3 ms and ≤ 1/5 of original", met=_verdict(exec_met), digits=2),
        Row("3b", "runner CPU per `exec true` (ms; user+sys of the runner process)",
            cpu_o, _single(orig, lambda r: r.exec_cpu_ms_per_run), target="≤ 0.3 ms",
            floor="; ".join(f"{label} runner {cpu:.2f}" for label, cpu in floors.reference_cpu_ms.items()) or "—",
            met=_verdict(cpu_o.p50 <= 0.3 if cpu_o else None), digits=2, single=True),
        Row("3c", "`code pass` round trip through ipykernel, sequential (ms)", code_o, code_x,
            floor=code_floor, target="≤ floor + 0.5 ms", met=_verdict(code_met), digits=2),
        Row("3d", f"`exec true` round trip, each after {IDLE_PAUSE_S * 1000:.0f} ms idle (ms)", idle_o, idle_x,
            floor=f"{idle_floor.p50:.2f}" if idle_floor else "n/a", digits=2),
    ]  # fmt: skip
    if not s.wants("exec"):
        rows = rows[2:3]
    if not s.wants("code"):
        rows = [row for row in rows if row.number != "3c"]
    return rows


def _frames_summary(runs: list[Outcome]) -> Figure | None:
    return Figure.of([float(run.frames["stdout"]) for run in runs])


def _output_rows(ours: RunnerResults | None, orig: RunnerResults | None, floors: Floors, s: Settings) -> list[Row]:
    tp_o = _of(ours, lambda r: r.throughput_mbps, higher_is_better=True)
    tp_x = _of(orig, lambda r: r.throughput_mbps, higher_is_better=True)
    floor = Figure.of(floors.pipe_zmq_mbps, higher_is_better=True)
    met: bool | None = None
    if tp_o and floor:
        met = tp_o.p50 >= floor.p50 / 2 and (tp_x is None or tp_o.p50 >= 5 * tp_x.p50)
    mib = s.stream_bytes / (1 << 20)
    frames_o = _frames_summary(ours.throughput_runs) if ours else None
    frames_x = _frames_summary(orig.throughput_runs) if orig else None
    floor_frames = _frames_summary(floors.pipe_zmq_runs)
    if not s.wants("throughput"):
        return _lines_rows(ours, orig, s)
    rows = [
        Row("4", f"stdout throughput, {mib:g} MiB from `head -c` (MB/s at the client)", tp_o, tp_x,
            floor=f"{floor.p50:,.0f} (pipe → PUSH/PULL)" if floor else "n/a",
            target="≥ 5× original and ≥ 50% of floor", met=_verdict(met), digits=0),
        Row("4b", f"`stdout` frames for the {mib:g} MiB", frames_o, frames_x,
            floor=f"{floor_frames.p50:,.0f}" if floor_frames else "n/a", digits=0),
    ]  # fmt: skip
    rows.append(Row("4c", f"runner CPU while streaming the {mib:g} MiB (s)",
                    _of(ours, lambda r: r.throughput_cpu_s), _of(orig, lambda r: r.throughput_cpu_s), digits=2))
    pty = Figure.of(floors.pty_mbps, higher_is_better=True)
    if pty:
        rows.append(Row("4d", "the same program into a raw pty, read directly (MB/s; no runner, no ZMQ)",
                        None, None, floor=f"{pty.p50:,.0f}", digits=0))  # fmt: skip
    return rows + (_lines_rows(ours, orig, s) if s.wants("lines") else [])


def _lines_rows(ours: RunnerResults | None, orig: RunnerResults | None, s: Settings) -> list[Row]:
    def pick(results: RunnerResults | None, value: Callable[[Outcome], float]) -> Figure | None:
        return Figure.single(value(results.lines)) if results and results.lines else None

    label = f"{s.lines // 1000}k `print` lines"
    return [
        Row("5", f"{label}: wall time (ms)", pick(ours, lambda o: o.elapsed_s * 1000),
            pick(orig, lambda o: o.elapsed_s * 1000), digits=0, single=True),
        Row("5b", f"{label}: `stdout` frames received", pick(ours, lambda o: o.frames["stdout"]),
            pick(orig, lambda o: o.frames["stdout"]), digits=0, single=True),
        Row("5c", f"{label}: `stdout` bytes received", pick(ours, lambda o: o.payload_bytes["stdout"]),
            pick(orig, lambda o: o.payload_bytes["stdout"]), digits=0, single=True),
    ]  # fmt: skip


def _queue_rows(ours: RunnerResults | None, orig: RunnerResults | None, s: Settings) -> list[Row]:
    def pick(results: RunnerResults | None, value: Callable[[RunnerResults], float]) -> Figure | None:
        return Figure.single(value(results)) if results and results.queue else None

    label = f"{s.queued:,} queued `exec true`"
    growth_o = pick(ours, lambda r: (r.queue.rss_after_kib - r.queue.rss_before_kib) / MIB)  # type: ignore[union-attr]
    return [
        Row("6", f"{label}: RSS before (MiB)", pick(ours, lambda r: r.queue.rss_before_kib / MIB),  # type: ignore[union-attr]
            pick(orig, lambda r: r.queue.rss_before_kib / MIB), single=True),  # type: ignore[union-attr]
        Row("6b", f"{label}: RSS after (MiB)", pick(ours, lambda r: r.queue.rss_after_kib / MIB),  # type: ignore[union-attr]
            pick(orig, lambda r: r.queue.rss_after_kib / MIB), single=True),  # type: ignore[union-attr]
        Row("6c", f"{label}: RSS growth (MiB)", growth_o,
            pick(orig, lambda r: (r.queue.rss_after_kib - r.queue.rss_before_kib) / MIB),  # type: ignore[union-attr]
            target="no growth (≤ 1 MiB)", met=_verdict(growth_o.p50 <= 1.0 if growth_o else None),
            single=True, digits=2),
        Row("6d", f"{label}: RSS growth of the runner process alone (MiB)",
            pick(ours, lambda r: (r.queue.rss_self_after_kib - r.queue.rss_self_before_kib) / MIB),  # type: ignore[union-attr]
            pick(orig, lambda r: (r.queue.rss_self_after_kib - r.queue.rss_self_before_kib) / MIB),  # type: ignore[union-attr]
            single=True, digits=2),
        Row("6e", f"{label}: all runs done (s)", pick(ours, lambda r: r.queue.elapsed_s),  # type: ignore[union-attr]
            pick(orig, lambda r: r.queue.elapsed_s), single=True, digits=2),  # type: ignore[union-attr]
    ]  # fmt: skip


def build_rows(ours: RunnerResults | None, orig: RunnerResults | None, floors: Floors, s: Settings) -> list[Row]:
    rows: list[Row] = []
    if s.wants("startup"):
        rows += _startup_rows(ours, orig)
    if s.wants("exec") or s.wants("code"):
        rows += _overhead_rows(ours, orig, floors, s)
    if s.wants("throughput") or s.wants("lines"):
        rows += _output_rows(ours, orig, floors, s)
    if s.wants("queue"):
        rows += _queue_rows(ours, orig, s)
    return rows


def _notes(results: list[RunnerResults], floors: Floors, s: Settings) -> list[str]:
    notes = []
    for r in results:
        notes += [f"- {r.label}: {note}" for note in r.notes]
        if r.exec_failures:
            notes.append(f"- {r.label}: {r.exec_failures} of {len(r.exec_ms)} `exec true` runs exited non-zero")
        if r.code_failures:
            notes.append(f"- {r.label}: {r.code_failures} of {len(r.code_ms)} `code pass` runs exited non-zero")
        if r.queue and (r.queue.non_zero or r.queue.completed != r.queue.count):
            notes.append(f"- {r.label}: queue: {r.queue.completed} finished, {r.queue.non_zero} non-zero")
    if floors.spawn_true_ms:
        f = Figure.of(floors.spawn_true_ms)
        notes.append(f"- floor spawn `/bin/true`: p50 {f.p50:.3f} ms, p99 {f.p99:.3f} ms")  # type: ignore[union-attr]
    return notes


def render(
    ours: RunnerResults | None, orig: RunnerResults | None, floors: Floors, s: Settings,
    repo: Path, load_before: tuple[float, ...], mode: str,
) -> str:  # fmt: skip
    present = [r for r in (ours, orig) if r]
    lines = ["# kernel-runner benchmark", "", *machine_lines(repo, load_before)]
    lines += [f"- {r.label}: {r.version}" for r in present]
    lines += [
        f"- mode: {mode}; starts {s.starts}, runs {s.runs} (`code` {s.code_runs}), warm-up {s.warmup}, "
        f"stream {s.stream_bytes:,} B × {s.stream_repeats}, lines {s.lines:,}, queued {s.queued:,}",
        "",
        *render_table(build_rows(ours, orig, floors, s)),
    ]
    notes = _notes(present, floors, s)
    if orig is None:
        notes.insert(0, "- the original runner was not measured (not installed or not selected)")
    if ours is None:
        notes.insert(0, "- our daemon was not measured (not built or not selected)")
    if notes:
        lines += ["", "Notes:", "", *notes]
    return "\n".join(lines) + "\n"
