"""Make the original runner bind its ZeroMQ sockets on one address instead of every interface.

bench/setup copies this file into bench/.venv as `krbench_loopback.py`, next to a `.pth` line
that imports it only when the environment has KRBENCH_BIND (so it costs nothing otherwise).

The original re-execs itself once (argv[0] "bai-krunner", env BACKEND_REEXECED=1); the patch is
applied in that second process, which is the one that binds `tcp://*:<port>`. The variable is
then removed from the environment so the runner's children never see it.
"""

import os


def _rewrite(address: str, endpoint: str) -> str:
    prefix = "tcp://*:"
    if endpoint.startswith(prefix):
        return f"tcp://{address}:{endpoint[len(prefix):]}"
    return endpoint


def _install() -> None:
    address = os.environ.get("KRBENCH_BIND")
    if not address or os.environ.get("BACKEND_REEXECED") != "1":
        return
    del os.environ["KRBENCH_BIND"]

    import zmq

    original_bind = zmq.Socket.bind

    def bind(self, addr):  # type: ignore[no-untyped-def]
        return original_bind(self, _rewrite(address, addr))

    zmq.Socket.bind = bind  # type: ignore[method-assign]


_install()
