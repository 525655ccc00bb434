"""Starting and stopping the two runners on loopback with free ports."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Sequence
from typing import IO, Protocol

LOOPBACK = "127.0.0.1"


class LaunchError(RuntimeError):
    """A runner did not come up."""


@dataclass
class RunningRunner:
    label: str
    process: subprocess.Popen[bytes]
    input_endpoint: str
    output_endpoint: str
    launched_at: float  # time.perf_counter() right before the process was created
    log_path: Path
    endpoints_at: float = 0.0  # when the client knew where to connect (ours: ready file seen)

    @property
    def pid(self) -> int:
        return self.process.pid


class Launcher(Protocol):
    label: str

    def launch(self) -> RunningRunner: ...

    def version(self) -> str: ...

    def close(self) -> None: ...


def free_ports(count: int) -> list[int]:
    """Ports the kernel hands out on 127.0.0.1 right now (held together so they differ)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind((LOOPBACK, 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def stop_runner(runner: RunningRunner, grace_s: float = 5.0) -> None:
    """SIGTERM the runner, SIGKILL it after a grace period, then whatever is left of its group.

    Each runner is started in its own session, so its process group id is its pid.
    """
    process = runner.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=grace_s)
    try:
        os.killpg(runner.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    # The original passes its arguments to its re-exec through this file; gone unless it failed.
    Path(f"/tmp/{runner.pid}.krunner-args").unlink(missing_ok=True)


def _open_log(directory: Path, label: str) -> tuple[Path, IO[bytes]]:
    path = directory / f"{label}-{time.strftime('%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}.log"
    return path, path.open("wb")


class OursLauncher:
    """kernel-runner with ports 0 (ephemeral) and a ready file that reports them."""

    label = "ours"

    def __init__(
        self, binary: Path, runtime: Path, scratch: Path, language: str = "python", arguments: Sequence[str] = ()
    ) -> None:
        self.binary = binary
        self.runtime = runtime
        self.scratch = scratch
        self.language = language
        self.arguments = list(arguments)  # more options for the daemon

    def version(self) -> str:
        return f"{self.binary}"

    def launch(self) -> RunningRunner:
        home = Path(tempfile.mkdtemp(prefix="ours-", dir=self.scratch))
        work, config = home / "work", home / "config"
        work.mkdir()
        config.mkdir()
        ready = home / "ready.json"
        log_path, log = _open_log(self.scratch, self.label)
        argv = [
            str(self.binary), self.language, *([str(self.runtime)] if self.language == "python" else []),
            "--bind", LOOPBACK, "--in-port", "0", "--out-port", "0",
            "--work-dir", str(work), "--config-dir", str(config), "--ready-file", str(ready), *self.arguments,
        ]  # fmt: skip
        launched_at = time.perf_counter()
        # PWD as a shell that changed there would export it (an image's entrypoint does).
        process = subprocess.Popen(
            argv, cwd=work, env=dict(os.environ, PWD=str(work)), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
        )  # fmt: skip
        log.close()
        endpoints = _wait_for_ready_file(ready, process, log_path, timeout_s=30.0)
        return RunningRunner(
            self.label, process, endpoints["input"], endpoints["output"], launched_at, log_path,
            endpoints_at=time.perf_counter(),
        )  # fmt: skip

    def close(self) -> None:
        pass


def _wait_for_ready_file(
    path: Path, process: subprocess.Popen[bytes], log_path: Path, timeout_s: float
) -> dict[str, str]:
    deadline = time.monotonic() + timeout_s
    while not path.exists():
        if process.poll() is not None:
            raise LaunchError(f"kernel-runner exited with {process.returncode}; see {log_path}")
        if time.monotonic() > deadline:
            process.kill()
            raise LaunchError(f"no ready file after {timeout_s:.0f} s; see {log_path}")
        time.sleep(0.0005)
    return json.loads(path.read_text())


class HostDirectories:
    """/home/work and /home/config/intrinsic-ports.json, which the original insists on.

    Creates only what is missing and removes only what it created; refuses to touch an
    intrinsic-ports.json it did not write.
    """

    work = Path("/home/work")
    config = Path("/home/config")
    ports_file = config / "intrinsic-ports.json"

    def __init__(self) -> None:
        self._created: list[Path] = []
        self._wrote_ports = False
        if self.ports_file.exists():
            raise LaunchError(f"{self.ports_file} exists already; not clobbering it")
        for directory in (Path("/home"), self.work, self.config):
            if not directory.exists():
                directory.mkdir()
                self._created.append(directory)
        self.work_existed = self.work not in self._created

    def write_ports(self, replin: int, replout: int) -> None:
        self.ports_file.write_text(json.dumps({"replin": replin, "replout": replout}))
        self._wrote_ports = True

    def clean_up(self) -> None:
        if self._wrote_ports:
            self.ports_file.unlink(missing_ok=True)
        for directory in reversed(self._created):
            shutil.rmtree(directory, ignore_errors=True)
        self._created.clear()


class OriginalLauncher:
    """`python -m ai.backend.kernel python <runtime>` from bench/.venv, bound to 127.0.0.1.

    See bench/README.md: the bai-krunner symlink and the KRBENCH_BIND hook come from bench/setup.
    """

    label = "original"

    def __init__(self, venv: Path, runtime: Path, scratch: Path) -> None:
        self.venv = venv
        self.runtime = runtime
        self.scratch = scratch
        self.host = HostDirectories()

    def version(self) -> str:
        from importlib.metadata import version

        return f"backend-ai-kernel {version('backend.ai-kernel')}"

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("PYTHONHOME", "PYTHONPATH", "BACKEND_REEXECED"):
            env.pop(name, None)
        env["VIRTUAL_ENV"] = str(self.venv)
        env["PATH"] = f"{self.venv / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
        env["KRBENCH_BIND"] = LOOPBACK
        return env

    def launch(self) -> RunningRunner:
        replin, replout = free_ports(2)
        self.host.write_ports(replin, replout)
        log_path, log = _open_log(self.scratch, self.label)
        argv = [str(self.venv / "bin" / "python"), "-s", "-m", "ai.backend.kernel", "python",
                str(self.runtime)]  # fmt: skip
        launched_at = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=self.host.work, env=self._environment(), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
        )  # fmt: skip
        log.close()
        return RunningRunner(
            self.label, process, f"tcp://{LOOPBACK}:{replin}", f"tcp://{LOOPBACK}:{replout}",
            launched_at, log_path, endpoints_at=launched_at,
        )  # fmt: skip

    def close(self) -> None:
        self.host.clean_up()


class ReferenceLauncher:
    """A runner of bench/minimal-runner (`minimal`: the least a runner can do for `exec`; `guarded`:
    that plus the guarantees ours keeps around a run), built here with the system's libzmq as a
    reference for ours."""

    def __init__(self, label: str, binary: Path, scratch: Path) -> None:
        self.label = label
        self.binary = binary
        self.scratch = scratch

    @classmethod
    def build(cls, source: Path, scratch: Path) -> ReferenceLauncher:
        """Compiles `<label>-runner.c` into scratch; LaunchError when cc or libzmq's headers are missing."""
        binary = scratch / source.stem
        try:
            flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libzmq"], capture_output=True, text=True,
                                   check=True).stdout.split()  # fmt: skip
            subprocess.run(["cc", "-O2", "-pthread", "-o", str(binary), str(source), *flags], capture_output=True,
                           check=True)  # fmt: skip
        except (OSError, subprocess.CalledProcessError) as error:
            raise LaunchError(f"cannot build {source.name} (cc, pkg-config, libzmq3-dev): {error}") from None
        return cls(source.stem.removesuffix("-runner"), binary, scratch)

    def version(self) -> str:
        return str(self.binary)

    def launch(self) -> RunningRunner:
        ready = Path(tempfile.mkdtemp(prefix=f"{self.label}-", dir=self.scratch)) / "ready.json"
        log_path, log = _open_log(self.scratch, self.label)
        launched_at = time.perf_counter()
        process = subprocess.Popen([str(self.binary), str(ready)], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)  # fmt: skip
        log.close()
        endpoints = _wait_for_ready_file(ready, process, log_path, timeout_s=10.0)
        return RunningRunner(self.label, process, endpoints["input"], endpoints["output"], launched_at, log_path,
                             endpoints_at=time.perf_counter())  # fmt: skip

    def close(self) -> None:
        pass
