"""Foundation benchmark: load times and code conversion, next to plain geopandas/pandas.

Run: python benchmarks/bench_foundation.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from _common import best, fresh


def main() -> None:
    code = (
        "import time, jregion; t=time.perf_counter(); jregion.load_prefectures(); "
        "print(time.perf_counter()-t)"
    )
    first = fresh(code, 1)
    import geopandas as gpd

    import jregion
    from jregion._manifest import path_of
    from jregion.boundaries import _read

    fgb = path_of("prefectures")
    t_gpd = best(lambda: gpd.read_file(fgb), 5)
    t_own = best(lambda: _read.__wrapped__("prefectures"), 5)  # uncached
    print(
        f"load_prefectures, first call after import (fresh process): {first * 1000:.1f} ms "
        "(goal < 50 ms)"
    )
    print(
        f"uncached read of the bundled layer: jregion {t_own * 1000:.1f} ms, "
        f"geopandas.read_file of the same file {t_gpd * 1000:.1f} ms; "
        f"ratio {t_gpd / t_own:.2f}"
    )

    t = jregion.prefecture_table()
    pool = np.array(list(t["name_en"]) + list(t["name_ja"]) + list(range(1, 48)), dtype=object)
    values = pd.Series(pool[np.random.default_rng(0).integers(0, len(pool), 1_000_000)])
    t_codes = best(lambda: jregion.to_codes(values), 3)
    lookup = {**dict(zip(t["name_en"], t.index, strict=True)),
              **dict(zip(t["name_ja"], t.index, strict=True)),
              **{i: f"{i:02d}" for i in range(1, 48)}}
    t_map = best(lambda: values.map(lookup), 3)
    print(f"to_codes, 1,000,000 values: {t_codes:.3f} s (goal < 1 s); plain Series.map with an "
          f"exact-match dict (no normalisation): {t_map:.3f} s; ratio {t_codes / t_map:.2f}")


if __name__ == "__main__":
    main()
