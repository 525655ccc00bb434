"""Running the benchmark scripts with bench/.venv's Python (pyzmq, msgpack), whoever starts them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parent.parent / ".venv"


def reexec_in_venv(script: str) -> None:
    """Replaces this process with `script` run by bench/.venv/bin/python, unless it already is."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        sys.exit(f"{Path(script).name}: bench/.venv is missing; run bench/setup first")
    os.execv(python, [str(python), str(Path(script).resolve()), *sys.argv[1:]])
