"""Run every benchmark in this folder, one after another, in fresh processes.

Run: python benchmarks/run_all.py [--quick]
Each benchmark prints its own timings and ratios against the peer tools (geopandas,
libpysal, esda) measured in the same run. ``--quick`` is passed on to benchmarks that
accept it (smaller problem sizes).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    status = 0
    for script in sorted(here.glob("bench_*.py")):
        print(f"=== {script.name}", flush=True)
        args = [sys.executable, str(script), *sys.argv[1:]]
        status |= subprocess.run(args, check=False).returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main())
