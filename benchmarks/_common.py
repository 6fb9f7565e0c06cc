"""Timing helpers shared by the benchmark scripts (run as ``python benchmarks/bench_*.py``)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable


def best(fn: Callable[[], object], repeat: int) -> float:
    """Return the best wall time of ``repeat`` calls of ``fn``, in seconds."""
    out = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t)
    return out


def fresh(code: str, repeat: int) -> float:
    """Run ``code`` in ``repeat`` fresh interpreters; return the least number it prints."""
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout
        times.append(float(out))
    return min(times)
