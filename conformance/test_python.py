"""Python beyond the common checks: services, model services, media, long and large output.

Query mode runs twice: through a real ipykernel (what Backend.AI's Python images use) and through
the daemon's built-in interpreter (`--no-jupyter`, images without ipykernel).
"""

from __future__ import annotations

import asyncio
import socket
import time
import urllib.request
from collections.abc import Iterator

import pytest

from conftest import CI, Session, require_tools
from daemon import REPOSITORY, Daemon
from languages import BY_NAME
from test_languages import checked

IPYKERNEL_PYTHON = REPOSITORY / ".build-venv/ipykernel/bin/python3"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_is_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


async def eventually(condition, timeout: float, what: str) -> None:
    """Waits on the session's loop, so the agent's reader keeps receiving meanwhile."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout} s: {what}"
        await asyncio.sleep(0.05)


@pytest.fixture(scope="module", params=["jupyter", "driver"])
def python(request) -> Iterator[Session]:
    require_tools(BY_NAME["python"])
    if request.param == "jupyter":
        if not IPYKERNEL_PYTHON.exists():
            message = f"no ipykernel venv at {IPYKERNEL_PYTHON} (scripts/install-deps --toolchains makes it)"
            pytest.fail(message) if CI else pytest.skip(message)
        daemon = Daemon("python", runtime_path=str(IPYKERNEL_PYTHON))
    else:
        daemon = Daemon("python", arguments=("--no-jupyter",))
    session = Session(daemon)
    yield session
    assert session.close() == 0, daemon.log()


def test_the_backend_is_the_one_asked_for(python: Session, request) -> None:
    run = checked(python.run(python.kernel.run("query", "print('get_ipython' in dir(__builtins__) or 'get_ipython' in globals())")))
    expected = "True\n" if request.node.callspec.params["python"] == "jupyter" else "False\n"
    assert run.stdout == expected, run.results


def test_html_media_reaches_the_client_as_a_console_item(python: Session) -> None:
    run = checked(python.run(python.kernel.run("query", "from IPython.display import HTML, display\ndisplay(HTML('<b>bold</b>'))\n")))
    assert run.exit_code == 0, run.stderr
    assert ("media", ("text/html", "<b>bold</b>")) in run.console, run.console


def test_a_long_run_arrives_in_continued_slices_every_byte_once_in_order(python: Session) -> None:
    code = "import time\nfor i in range(300):\n    print(f'line {i}', flush=True)\n    time.sleep(0.01)\n"
    run = checked(python.run(python.kernel.run("query", code, flush_timeout=0.2)))
    assert run.statuses.count("continued") >= 5, run.statuses
    assert run.statuses[-1] == "finished" and run.exit_code == 0
    assert run.stdout == "".join(f"line {i}\n" for i in range(300))


def test_24_mib_of_output_in_one_run(python: Session) -> None:
    lines = 24 * 1024
    code = f"import sys\nfor i in range({lines}):\n    sys.stdout.write(f'{{i:08d}}' + 'x' * 1015 + '\\n')\n"
    run = checked(python.run(python.kernel.run("query", code)))
    assert run.exit_code == 0, run.stderr
    assert len(run.stdout) == lines * 1024
    assert run.stdout == "".join(f"{i:08d}" + "x" * 1015 + "\n" for i in range(lines))


def test_a_4_byte_character_written_in_two_halves_arrives_whole(python: Session) -> None:
    python.daemon.write({"split.py": (
        "import os, time\n"
        "time.sleep(0.5)\n"  # after the agent's race of the skipped clean and build steps
        "os.write(1, '😀'.encode()[:2])\n"
        "time.sleep(0.3)\n"
        "os.write(1, '😀'.encode()[2:] + b'\\n')\n"
    )})
    run = checked(python.run(python.kernel.run("batch", opts={"exec": "python3 split.py"})))
    assert run.exit_code == 0, run.results
    assert run.stdout == "😀\n", run.results


@pytest.fixture(scope="module")
def services() -> Iterator[Session]:
    require_tools(BY_NAME["python"])
    daemon = Daemon("python", service_definitions={
        "http": {
            "command": ["python3", "-m", "http.server", "--bind", "127.0.0.1", "{ports[0]}"],
            "url_template": "http://{host}:{port}/",
        },
    })
    session = Session(daemon)
    yield session
    assert session.close() == 0, daemon.log()


def service_request(name: str, port: int, protocol: str) -> dict:
    return {"name": name, "port": port, "ports": [port], "protocol": protocol, "options": {}}


def test_a_preopen_service_is_started_at_once(services: Session) -> None:
    reply = services.run(services.kernel.runner.feed_start_service(service_request("preopen-app", free_port(), "preopen")))
    assert reply == {"status": "started"}


def test_a_real_http_service_starts_is_listed_and_shuts_down(services: Session) -> None:
    port = free_port()
    runner = services.kernel.runner
    assert services.run(runner.feed_start_service(service_request("http", port, "http"))) == {"status": "started"}
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
        assert response.status == 200
    assert services.run(runner.feed_start_service(service_request("http", port, "http"))) == {"status": "running"}
    apps = services.run(runner.feed_service_apps())
    assert apps["status"] == "done"
    assert [app["name"] for app in apps["data"]] == ["http"], apps
    services.run(runner.feed_shutdown_service("http"))
    services.run(eventually(lambda: not port_is_open(port), 5, "the service's port closes"))
    assert services.run(runner.feed_start_service(service_request("http", port, "http"))) == {"status": "started"}
    services.run(runner.feed_shutdown_service("http"))


def test_a_model_service_starts_and_reports_healthy(services: Session) -> None:
    port = free_port()
    model = {
        "name": "echo-model",
        "model_path": str(services.daemon.work),
        "service": {
            "start_command": ["python3", "-m", "http.server", "--bind", "127.0.0.1", str(port)],
            "port": port,
            "health_check": {"enable": True, "path": "/", "expected_status_code": 200,
                             "interval": 0.5, "max_retries": 10, "max_wait_time": 2.0},
        },
    }
    runner = services.kernel.runner
    assert services.run(runner.feed_start_model_service(model)) == {"status": "started"}
    # The agent ignores model-service-status frames (the manager polls); the tap sees them.
    services.run(eventually(lambda: {"model_name": "echo-model", "is_healthy": True} in runner.model_statuses, 15,
                            "model-service-status is_healthy true"))
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
        assert response.status == 200
