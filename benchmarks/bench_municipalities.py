"""Municipal benchmark: loading the bundled municipalities and queen weights over them.

Run: python benchmarks/bench_municipalities.py [--repeat N]

- ``load_municipalities()`` first call in a fresh process, after ``import jregion`` and the
  import of its module (geopandas loaded, the file not yet read): goal < 150 ms. The same
  first call with the lazy module import (geopandas and pyogrio) included is printed too.
- Queen contiguity over the 1,741 municipalities of 2021 (``northern_territories=False``):
  ``jregion.build_weights`` against ``libpysal.graph.Graph.build_contiguity`` on the same
  geometries, best of N, with the ratio and a check that both give the same links: goal < 0.3 s.
- ``to_municipal_codes`` on 1,000,000 values (5-digit, 6-digit and prefecture+name forms)
  against a plain ``Series.map`` with an exact-match dict (no normalisation, no checks).
"""

from __future__ import annotations

import sys
import time

from _common import best, fresh


def _pairs(graph) -> set:  # type: ignore[no-untyped-def]
    adj = graph.adjacency
    return set(adj[adj != 0].index)


def main() -> None:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    after_import = fresh(
        "import time, jregion, jregion.municipalities; t=time.perf_counter(); "
        "jregion.load_municipalities(); print(time.perf_counter()-t)",
        repeat,
    )
    with_module = fresh(
        "import time, jregion; t=time.perf_counter(); jregion.load_municipalities(); "
        "print(time.perf_counter()-t)",
        repeat,
    )
    print(
        f"load_municipalities, first call after import (fresh process, best of {repeat}): "
        f"{after_import * 1000:.0f} ms (goal < 150 ms); including the lazy import of geopandas "
        f"and pyogrio: {with_module * 1000:.0f} ms"
    )

    from libpysal.graph import Graph

    import jregion

    jregion.load_municipalities()
    t = time.perf_counter()
    jregion.load_municipalities()
    print(f"load_municipalities, later calls (cached read, a copy): "
          f"{(time.perf_counter() - t) * 1000:.1f} ms")
    munis = jregion.load_municipalities(northern_territories=False)
    ours = jregion.build_weights(munis)
    peer = Graph.build_contiguity(munis.geometry, rook=False)
    same = _pairs(ours) == _pairs(peer)
    t_ours = best(lambda: jregion.build_weights(munis), repeat)
    t_peer = best(lambda: Graph.build_contiguity(munis.geometry, rook=False), repeat)
    print(
        f"queen weights, {len(munis):,} municipalities (best of {repeat}): jregion "
        f"{t_ours:.3f} s (goal < 0.3 s), libpysal {t_peer:.3f} s; ratio libpysal/jregion "
        f"{t_peer / t_ours:.2f}; same links: {same}; islands: {len(ours.isolates)}"
    )
    bench_codes(repeat)


def bench_codes(repeat: int) -> None:
    import numpy as np
    import pandas as pd

    import jregion

    t = jregion.municipality_table()
    names = t["pref_ja"] + t["full_name_ja"]
    names = names[~names.duplicated(keep=False)]
    forms = {**dict(zip(t.index, t.index, strict=True)),
             **dict(zip(t["code6"], t.index, strict=True)),
             **dict(zip(names, names.index, strict=True))}
    pool = np.array(list(forms), dtype=object)
    values = pd.Series(pool[np.random.default_rng(0).integers(0, len(pool), 1_000_000)])
    jregion.to_municipal_codes(values.iloc[:10])  # build the name table once
    t_ours = best(lambda: jregion.to_municipal_codes(values), repeat)
    t_map = best(lambda: values.map(forms), repeat)
    print(f"to_municipal_codes, 1,000,000 values: {t_ours:.3f} s; plain Series.map with an "
          f"exact-match dict: {t_map:.3f} s; ratio {t_ours / t_map:.2f}")


if __name__ == "__main__":
    main()
