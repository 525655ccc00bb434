"""Fixtures: a fresh daemon per language, connected to through the real agent's client code."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Iterator

import pytest

from agent import Kernel
from daemon import AttachedDaemon, Daemon
from languages import BY_NAME, LANGUAGES, Language
from report import table

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tools(language: Language) -> None:
    """Skips a language whose toolchain is missing; in CI that is a failure instead."""
    missing = [tool for tool in language.tools if shutil.which(tool) is None]
    if missing:
        message = f"{language.name}: {', '.join(missing)} not on PATH"
        if CI:
            pytest.fail(f"{message} (CI installs every toolchain: see scripts/install-deps)")
        pytest.skip(message)


class Session:
    """One daemon and the agent connected to it, on an event loop of their own."""

    def __init__(self, daemon: Daemon) -> None:
        self.daemon = daemon
        self.loop = asyncio.new_event_loop()
        self.kernel = self.run(Kernel.connect(daemon.input_port, daemon.output_port))

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def close(self) -> int:
        self.run(self.kernel.close())
        self.loop.close()
        return self.daemon.stop()


def pytest_addoption(parser) -> None:
    parser.addoption("--attach", metavar="LANGUAGE:IN:OUT:WORKDIR",
                     help="drive a daemon that is already running (a container) instead of starting one per language")


def attached(config) -> AttachedDaemon | None:
    value = config.getoption("--attach")
    if not value:
        return None
    language, input_port, output_port, work = value.split(":", 3)
    return AttachedDaemon(language, int(input_port), int(output_port), work)


def pytest_generate_tests(metafunc) -> None:
    if "session" in metafunc.fixturenames:
        daemon = attached(metafunc.config)
        languages = [BY_NAME[daemon.language]] if daemon else LANGUAGES
        metafunc.parametrize("session", languages, ids=lambda language: language.name, indirect=True, scope="module")


def pytest_collection_modifyitems(config, items) -> None:
    # Attached to one container: only what every language must do.
    if attached(config):
        items[:] = [item for item in items if item.module.__name__ == "test_languages"]


@pytest.fixture(scope="module")
def session(request) -> Iterator[Session]:
    language: Language = request.param
    daemon = attached(request.config)
    if daemon is None:
        require_tools(language)
        daemon = Daemon(language.name, runtime_path=language.runtime_path, arguments=language.arguments)
    session = Session(daemon)
    session.language = language
    yield session
    status = session.close()
    assert status == 0, f"the daemon exited with {status} on SIGTERM:\n{daemon.log()}"
    if isinstance(daemon, Daemon):
        assert daemon.refusals() == [], f"the shipped policy got in the way of {language.name}"


def pytest_terminal_summary(terminalreporter) -> None:
    lines = table()
    if len(lines) > 2:
        terminalreporter.section("what the real agent saw")
        for line in lines:
            terminalreporter.write_line(line)
