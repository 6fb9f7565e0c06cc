"""The atlas: the study's figures and tables, remade from bundled, sourced data.

Each entry is a small function that writes one file and returns its path. Entries
whose data are not bundled are listed in ``MISSING.md`` in the output folder with
the reason, never drawn from made-up numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from jregion._manifest import dataset_info
from jregion.boundaries import load_prefectures
from jregion.codes import prefecture_table
from jregion.crs import EQUAL_AREA_CRS
from jregion.regions import region_of

__all__ = ["build_atlas"]


def _prefecture_summary(out: Path, fmt: str) -> Path:
    prefs = load_prefectures()
    table = prefecture_table()
    from jregion._manifest import path_of

    gsi = pd.read_csv(path_of("area_gsi"), dtype={"pref_code": str}).set_index("pref_code")
    df = pd.DataFrame(
        {
            "name_en": table["name_en"],
            "name_ja": table["name_ja"],
            "region_eight": region_of(table.index, scheme="eight").to_numpy(),
            "region_meti": region_of(table.index, scheme="meti").to_numpy(),
            "area_km2_boundaries": (prefs.to_crs(EQUAL_AREA_CRS).area / 1e6).round(1),
            "area_km2_gsi": gsi["area_km2"],
        }
    )
    df["area_difference_pct"] = (
        (df["area_km2_boundaries"] / df["area_km2_gsi"] - 1) * 100
    ).round(3)
    path = out / "table_prefectures.csv"
    df.to_csv(path, encoding="utf-8")
    return path


def _sources(out: Path, fmt: str) -> Path:
    from jregion._manifest import list_datasets

    lines = ["# Sources of the bundled data", ""]
    for name in list_datasets().index:
        info = dataset_info(name)
        lines.append(f"- **{name}**: {info['title']}. {info['publisher']}; {info['vintage']}.")
        lines.append(f"  Licence: {info['licence']}")
    path = out / "SOURCES.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ENTRIES: dict[str, Callable[[Path, str], Path]] = {
    "prefectures": _prefecture_summary,
    "sources": _sources,
}


def build_atlas(out: Path, *, fmt: str = "png") -> list[Path]:
    """Write every atlas entry to ``out`` and return the paths written.

    Parameters
    ----------
    out : pathlib.Path
        Output folder, created if needed.
    fmt : {"png", "pdf", "svg"}, default "png"
        Figure format.

    Returns
    -------
    list of pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from jregion.atlas import build_atlas
    >>> with tempfile.TemporaryDirectory() as d:
    ...     names = [p.name for p in build_atlas(pathlib.Path(d))]
    >>> "table_prefectures.csv" in names
    True
    """
    out.mkdir(parents=True, exist_ok=True)
    return [entry(out, fmt) for entry in ENTRIES.values()]
