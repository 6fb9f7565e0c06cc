"""Run every benchmark in this folder, one after another, each in a fresh process.

Run: python benchmarks/run_all.py
Each benchmark (every bench_*.py here, bench_mesh.py and bench_mesh_io.py included) prints its
timings and the ratios against the peer tools (geopandas, libpysal, esda, jismesh, a
plain-pandas loop) measured in the same run. See benchmarks/README.md
for the options of each script and for installing numba for esda's fast path.
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
        status |= subprocess.run([sys.executable, str(script)], check=False).returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main())
