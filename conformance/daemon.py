"""A kernel-runner process for one language, on 127.0.0.1 with free ports and private directories."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def binary() -> str:
    """The daemon under test: `KERNEL_RUNNER_BINARY`, else the debug build."""
    return os.environ.get("KERNEL_RUNNER_BINARY") or str(REPOSITORY / ".build/debug/kernel-runner")


class Daemon:
    """`kernel-runner <language>` the way a container starts it, with every container path
    pointed into a temporary directory, under the image's jail policy (`policy/<language>.yml`)
    with `--require-sandbox`."""

    def __init__(self, language: str, *, runtime_path: str | None = None, arguments: tuple[str, ...] = (),
                 service_definitions: dict[str, dict] | None = None) -> None:
        self.language = language
        self.root = Path(tempfile.mkdtemp(prefix=f"kr-conformance-{language}-"))
        self.work = self.root / "work"
        self.config = self.root / "config"
        self.service_defs = self.root / "service-defs"
        for directory in (self.work, self.config, self.service_defs):
            directory.mkdir()
        for name, definition in (service_definitions or {}).items():
            (self.service_defs / f"{name}.json").write_text(json.dumps(definition))
        self.log_path = self.root / "daemon.log"
        ready = self.root / "ready.json"
        argv = [binary(), language] + ([runtime_path] if runtime_path else []) + [
            "--bind", "127.0.0.1", "--in-port", "0", "--out-port", "0",
            "--work-dir", str(self.work), "--config-dir", str(self.config),
            "--service-defs", str(self.service_defs), "--language-specs", str(self.root / "languages"),
            "--input-socket", str(self.root / "input.sock"),
            "--kernel-dir", str(self.root / "kernel"), "--ssh-key-dir", str(self.root / "ssh"),
            "--ready-file", str(ready), *self.policy_arguments(language), *arguments,
        ]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(argv, cwd=self.work, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        deadline = time.monotonic() + 20
        while not ready.exists():
            if self.process.poll() is not None:
                raise RuntimeError(f"kernel-runner {language} exited with {self.process.returncode}:\n{self.log()}")
            if time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError(f"kernel-runner {language} did not bind within 20 s:\n{self.log()}")
            time.sleep(0.02)
        endpoints = json.loads(ready.read_text())
        self.input_port = int(endpoints["input"].rsplit(":", 1)[1])
        self.output_port = int(endpoints["output"].rsplit(":", 1)[1])

    @staticmethod
    def policy_arguments(language: str) -> list[str]:
        policy = REPOSITORY / "policy" / f"{language}.yml"
        return ["--policy", str(policy), "--require-sandbox"] if policy.exists() else []

    def refusals(self) -> list[str]:
        """The daemon's log lines about calls its sandbox refused."""
        return [line for line in self.log().splitlines() if "sandbox refused" in line]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def write(self, files: dict[str, str]) -> None:
        """Writes project files into the work directory."""
        for name, text in files.items():
            path = self.work / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)

    def stop(self) -> int:
        """SIGTERM, as Docker stops a container; returns the exit status (killed after 10 s)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


class AttachedDaemon:
    """A daemon started elsewhere (a container), reached on 127.0.0.1 of the caller's network
    namespace; `work` is the host directory mounted as its work directory."""

    def __init__(self, language: str, input_port: int, output_port: int, work: str) -> None:
        self.language = language
        self.input_port = input_port
        self.output_port = output_port
        self.work = Path(work)

    def log(self) -> str:
        return "(the container's log: podman logs)"

    def write(self, files: dict[str, str]) -> None:
        for name, text in files.items():
            path = self.work / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            # The container runs as `work`, who must be able to write next to the sources.
            os.chown(path.parent, self.work.stat().st_uid, self.work.stat().st_gid)

    def stop(self) -> int:
        """Stopping is the container's business (scripts/image-test checks how it ends)."""
        return 0
