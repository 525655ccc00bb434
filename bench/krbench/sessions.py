"""Query-mode latency: a trivial cell in a warm persistent session vs a one-shot run.

For each language of LANGUAGES whose toolchain is installed, two daemons run on 127.0.0.1: one as
shipped (query mode keeps state where the language has a session driver) and one with
--stateless-query. Each gets the same trivial cell; the figure is the time from sending `code`
to receiving `finished`, p50 and p99 over the runs after a warm-up. A define-then-use pair first
tells whether the daemon keeps state for that language at all.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import zmq

from .client import AgentClient
from .stats import percentile

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Cells:
    """The cells of one language: `define` sets kr_bench to 1, `check` prints it, `trivial` does
    next to nothing and prints nothing."""

    toolchain: str
    define: str
    check: str
    trivial: str
    arguments: tuple[str, ...] = ()


# Extend with a language's cells when it gets a session driver (or to compare one without).
LANGUAGES: dict[str, Cells] = {
    "python": Cells("python3", "kr_bench = 1", "print(kr_bench)", "pass", ("--no-jupyter",)),
    "nodejs": Cells("node", "var kr_bench = 1;", "console.log(kr_bench);", "void 0;"),
    "lua": Cells("lua", "kr_bench = 1", "print(kr_bench)", "kr_bench = 2"),
    "php": Cells("php", "$kr_bench = 1;", "echo $kr_bench, \"\\n\";", "$kr_bench = 2;"),
    "git": Cells("bash", "kr_bench=1", "echo $kr_bench", ":"),
    "r": Cells("Rscript", "kr_bench <- 1", "cat(kr_bench, \"\\n\")", "invisible(NULL)"),
    "octave": Cells("octave-cli", "kr_bench = 1;", "disp(kr_bench)", "kr_bench = 2;"),
    "scheme": Cells("mit-scheme", "(define kr-bench 1)", "(display kr-bench) (newline)", "(define kr-bench 2)"),
    "haskell": Cells("ghc", "let krBench = 1 :: Int", "print krBench", "let krBench = 2 :: Int"),
    "julia": Cells("julia", "kr_bench = 1", "println(kr_bench)", "nothing;"),
}


class Daemon:
    """One kernel-runner serving `language` on free loopback ports."""

    def __init__(self, binary: Path, language: str, arguments: list[str]) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix=f"krbench-sessions-{language}-"))
        ready = self.directory / "ready.json"
        self.log = open(self.directory / "daemon.log", "wb")
        self.process = subprocess.Popen(
            [
                str(binary), "serve", language, "--bind", "127.0.0.1", "--in-port", "0", "--out-port", "0",
                "--ready-file", str(ready), "--work-dir", str(self.directory), "--input-socket", "",
                "--config-dir", str(self.directory / "config"), *arguments,
            ],
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 30
        while not (ready.exists() and ready.read_text()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the daemon did not start; see {self.directory / 'daemon.log'}")
            time.sleep(0.005)
        endpoints = json.loads(ready.read_text())
        self.client = AgentClient(zmq.Context.instance(), endpoints["input"], endpoints["output"])

    def run(self, code: str, timeout_s: float = 120.0) -> tuple[float, int | None, bytes]:
        """Seconds from sending `code` to `finished`, the exit code and the stdout."""
        started = time.perf_counter()
        self.client.send("code", code)
        stdout = b""
        deadline = time.monotonic() + timeout_s
        while True:
            kind, payload = self.client.receive(max(0.001, deadline - time.monotonic()))
            if kind == "stdout":
                stdout += payload
            elif kind == "finished":
                return time.perf_counter() - started, json.loads(payload).get("exitCode"), stdout

    def close(self) -> None:
        self.client.close()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)


def measure(binary: Path, language: str, cells: Cells, stateless: bool, runs: int, warmup: int) -> tuple[list[float], bool]:
    """Latencies of `runs` trivial cells after `warmup` ones, and whether state was kept."""
    arguments = list(cells.arguments) + (["--stateless-query"] if stateless else [])
    daemon = Daemon(binary, language, arguments)
    try:
        daemon.run(cells.define)
        _, code, stdout = daemon.run(cells.check)
        keeps_state = code == 0 and stdout.strip() == b"1"
        for _ in range(warmup):
            daemon.run(cells.trivial)
        return [daemon.run(cells.trivial)[0] for _ in range(runs)], keeps_state
    finally:
        daemon.close()


def default_binary() -> Path:
    for candidate in (".build/release/kernel-runner", ".build-bench/release/kernel-runner", ".build/debug/kernel-runner"):
        if (REPO / candidate).exists():
            return REPO / candidate
    raise SystemExit("sessions: no kernel-runner binary; build one (swift build -c release --product kernel-runner)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel-runner", type=Path, default=None, help="the daemon binary (default: release, else debug)")
    parser.add_argument("--only", default="", help="comma-separated languages (default: all of LANGUAGES)")
    parser.add_argument("--runs", type=int, default=200, help="warm cells measured per language")
    parser.add_argument("--one-shot-runs", type=int, default=30, help="one-shot cells measured per language")
    parser.add_argument("--warmup", type=int, default=5)
    options = parser.parse_args()
    binary = options.kernel_runner or default_binary()
    chosen = [name for name in options.only.split(",") if name] or list(LANGUAGES)
    print(f"binary: {binary}", file=sys.stderr)
    print("| language | state kept | warm session p50 | p99 | one-shot p50 | p99 | one-shot / warm |")
    print("|---|---|--:|--:|--:|--:|--:|")
    for language in chosen:
        cells = LANGUAGES[language]
        if shutil.which(cells.toolchain) is None:
            print(f"| `{language}` | — ({cells.toolchain} not installed) | | | | | |")
            continue
        print(f"sessions: {language}…", file=sys.stderr)
        try:
            warm, keeps_state = measure(binary, language, cells, False, options.runs, options.warmup)
            cold, _ = measure(binary, language, cells, True, options.one_shot_runs, 1)
        except (RuntimeError, TimeoutError) as error:
            print(f"| `{language}` | failed: {error} | | | | | |")
            continue
        ms = lambda samples, q: percentile(samples, q) * 1000  # noqa: E731
        ratio = percentile(cold, 50) / percentile(warm, 50)
        print(
            f"| `{language}` | {'yes' if keeps_state else 'no'} | {ms(warm, 50):.2f} ms | {ms(warm, 99):.2f} ms"
            f" | {ms(cold, 50):.1f} ms | {ms(cold, 99):.1f} ms | {ratio:.0f}× |",
            flush=True,
        )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
