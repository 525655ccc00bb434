"""A minimal Jupyter kernel that misbehaves on request, for JupyterBridgeTests.

It answers kernel_info at once and, on every execute_request, asks for one line of input and
prints `got <line>`, or `got nothing` when no answer comes within 5 s (its input request was
dropped). Options:
  --stdin-delay S   binds the stdin channel only S seconds after the others, so a client that
                    executes before its stdin connection is up gets `got nothing`;
  --ignore-execute  never takes up an execute_request (no status, no reply).
"""

import datetime
import hashlib
import hmac
import json
import sys
import time
import uuid

import zmq

config = json.load(open(sys.argv[sys.argv.index("-f") + 1]))
stdin_delay = float(sys.argv[sys.argv.index("--stdin-delay") + 1]) if "--stdin-delay" in sys.argv else 0.0
ignores_execute = "--ignore-execute" in sys.argv
key = config["key"].encode()
context = zmq.Context()


def bind(kind, port_name):
    socket = context.socket(kind)
    socket.bind(f"tcp://{config['ip']}:{config[port_name]}")
    return socket


def send(socket, identities, msg_type, content, parent):
    header = {
        "msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": "fake", "username": "kernel",
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(), "version": "5.3",
    }
    parts = [json.dumps(part).encode() for part in (header, parent, {}, content)]
    signature = hmac.new(key, b"".join(parts), hashlib.sha256).hexdigest().encode()
    socket.send_multipart(identities + [b"<IDS|MSG>", signature] + parts)


def receive(socket):
    frames = socket.recv_multipart()
    split = frames.index(b"<IDS|MSG>")
    header, _, _, content = (json.loads(frame) for frame in frames[split + 2:split + 6])
    return frames[:split], header, content


shell = bind(zmq.ROUTER, "shell_port")
control = bind(zmq.ROUTER, "control_port")
iopub = bind(zmq.PUB, "iopub_port")
heartbeat = bind(zmq.ROUTER, "hb_port")
stdin = None
stdin_at = time.monotonic() + stdin_delay
poller = zmq.Poller()
for socket in (shell, control, heartbeat):
    poller.register(socket, zmq.POLLIN)

while True:
    if stdin is None and time.monotonic() >= stdin_at:
        stdin = bind(zmq.ROUTER, "stdin_port")
    for socket, _ in poller.poll(50):
        if socket is heartbeat:
            heartbeat.send_multipart(heartbeat.recv_multipart())
            continue
        identities, header, content = receive(socket)
        kind = header["msg_type"]
        if kind == "execute_request" and ignores_execute:
            continue
        send(iopub, [], "status", {"execution_state": "busy"}, header)
        if kind == "kernel_info_request":
            send(socket, identities, "kernel_info_reply", {
                "status": "ok", "protocol_version": "5.3", "implementation": "fake",
                "language_info": {"name": "python"},
            }, header)
        elif kind == "execute_request":
            answer = "nothing"
            if stdin is not None:
                send(stdin, identities, "input_request", {"prompt": "? ", "password": False}, header)
                if stdin.poll(5000):
                    answer = receive(stdin)[2]["value"]
            send(iopub, [], "stream", {"name": "stdout", "text": f"got {answer}\n"}, header)
            send(socket, identities, "execute_reply", {"status": "ok", "execution_count": 1}, header)
        elif kind == "shutdown_request":
            send(socket, identities, "shutdown_reply", {"status": "ok", "restart": False}, header)
            sys.exit(0)
        send(iopub, [], "status", {"execution_state": "idle"}, header)
