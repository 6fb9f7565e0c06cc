"""read_estat_mesh on a 100,000-row e-Stat mesh file: time and peak memory, next to pandas.

Run: python benchmarks/bench_mesh_io.py [--rows 100000] [--repeat 3]

The file is built from the real census fixture (tests/fixtures/estat_mesh, 2020 census 500 m
table T001101, 788 rows, 54 columns, CP932, with suppression): its rows are copied under
other 1st-level meshes (the first four digits of KEY_CODE, HTKSAKI and GASSAN rewritten), so
the layout, the symbols and the suppression links stay real. The peer is the plain pandas
call a user would write (``read_csv(encoding="cp932", skiprows=[1], na_values=["*"])``),
which validates nothing. Peak memory is tracemalloc's peak during the call (numpy and
pandas buffers included), measured in a separate run from the timing.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import tracemalloc
from pathlib import Path

import pandas as pd

from _common import best

FIXTURE = (
    Path(__file__).resolve().parent.parent
    / "tests"
    / "fixtures"
    / "estat_mesh"
    / "tblT001101H5031_extract.txt"
)


def build(rows: int, path: Path) -> int:
    """Write a file of at least ``rows`` data rows (whole copies of the fixture)."""
    lines = FIXTURE.read_bytes().split(b"\n")
    header, labels = lines[:2]
    body = [line for line in lines[2:] if line]
    firsts = [f"{pp}{uu}" for pp in range(50, 60) for uu in range(29, 45)]  # inside Japan's range
    out = [header, labels]
    n = 0
    for first in firsts:
        if n >= rows:
            break
        prefix = first.encode()
        out.extend(re.sub(rb"(?<![0-9])5031(?=[0-9]{5})", prefix, line) for line in body)
        n += len(body)
    path.write_bytes(b"\n".join(out) + b"\n")
    return n


def _peak(fn) -> float:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import jregion

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tblT001101_bench.txt"
        n = build(args.rows, path)
        size = path.stat().st_size / 2**20

        def ours() -> pd.DataFrame:
            return jregion.read_estat_mesh(path)

        def peer() -> pd.DataFrame:
            return pd.read_csv(
                path,
                encoding="cp932",
                skiprows=[1],
                na_values=["*"],
                keep_default_na=False,
                dtype={"KEY_CODE": str, "HTKSAKI": str, "GASSAN": str},
            )

        frame = ours()
        assert len(frame) == n and len(peer()) == n
        ours()  # warm-up (imports, lazy loaders)
        t_ours, t_peer = best(ours, args.repeat), best(peer, args.repeat)
        m_ours, m_peer = _peak(ours), _peak(peer)
    print(f"file: {n:,} rows x {frame.shape[1] + 1} columns, {size:.1f} MiB (CP932, LF)")
    print(
        f"read_estat_mesh: {t_ours:.2f} s, peak {m_ours:.0f} MiB; plain pandas.read_csv: "
        f"{t_peer:.2f} s, peak {m_peer:.0f} MiB; time ratio {t_ours / t_peer:.2f}, "
        f"memory ratio {m_ours / m_peer:.2f} (best of {args.repeat})"
    )
    print(f"result in memory: {frame.memory_usage(deep=True).sum() / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
