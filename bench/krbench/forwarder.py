"""The raw floor for stdout throughput: a program's stdout pipe forwarded to a ZeroMQ PUSH.

Run as `python forwarder.py ENDPOINT COMMAND...`. It connects a PUSH socket to ENDPOINT, sends
["start", ""], runs COMMAND with stdout on a pipe, forwards it in full 64 KiB chunks (the last one shorter) as
["stdout", chunk] (the runners' framing) and ends with ["finished", {"exitCode": n}].
"""

from __future__ import annotations

import json
import subprocess
import sys

import zmq

CHUNK = 64 * 1024


def forward(endpoint: str, command: list[str]) -> None:
    context = zmq.Context()
    push = context.socket(zmq.PUSH)
    push.connect(endpoint)
    push.send_multipart([b"start", b""])
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    assert child.stdout is not None
    while chunk := child.stdout.read(CHUNK):  # a buffered read: blocks until 64 KiB or EOF
        push.send_multipart([b"stdout", chunk], copy=False)
    code = child.wait()
    push.send_multipart([b"finished", json.dumps({"exitCode": code}).encode()])
    push.close(linger=10_000)
    context.term()


if __name__ == "__main__":
    forward(sys.argv[1], sys.argv[2:])
