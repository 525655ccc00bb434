"""Memory of a process tree from /proc (Linux only)."""

from __future__ import annotations

import os
import time
from pathlib import Path


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may contain spaces; ppid is the 2nd field after it.
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[1])


def _all_parents() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent = _parent_of(int(entry))
            if parent is not None:
                parents[int(entry)] = parent
    return parents


def process_tree(root: int) -> list[int]:
    """The root pid and all its live descendants."""
    children: dict[int, list[int]] = {}
    for pid, parent in _all_parents().items():
        children.setdefault(parent, []).append(pid)
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def rss_kib(pid: int) -> int:
    """VmRSS of one process in KiB (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root: int) -> int:
    """Sum of VmRSS over the process and its descendants (shared pages count once per process)."""
    return sum(rss_kib(pid) for pid in process_tree(root))


def settled_tree_rss_kib(root: int, settle_s: float, limit_s: float = 10.0) -> int:
    """The tree's RSS once it stops moving: after settle_s, sampled every 0.2 s until three
    samples in a row lie within 256 KiB (a runner may still be starting a child), at most
    limit_s."""
    time.sleep(settle_s)
    deadline = time.monotonic() + limit_s
    samples = [tree_rss_kib(root)]
    while time.monotonic() < deadline:
        time.sleep(0.2)
        samples.append(tree_rss_kib(root))
        recent = samples[-3:]
        if len(recent) == 3 and max(recent) - min(recent) <= 256:
            break
    return samples[-1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (all its threads, not its children)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
