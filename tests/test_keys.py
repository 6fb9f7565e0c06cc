"""The shared duplicate-key check (jregion._keys) and the messages its callers give.

Expected messages are written out by hand from the inputs: which labels repeat, in the order of
their first occurrence, and how often (or on which lines) the first of them occurs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import jregion
from jregion._keys import check_unique, show_labels
from jregion.errors import DuplicateKeyError


def test_unique_labels_pass() -> None:
    for labels in (pd.Index([]), pd.Index(["01"]), pd.Index([1, 2, 3]), pd.Index(["1", 1])):
        check_unique(labels, what="data", fix="aggregate them first")


def test_message_names_every_repeat_in_order_of_first_occurrence() -> None:
    labels = pd.Index(["b", "a", "c", "a", "b", "a"])
    with pytest.raises(DuplicateKeyError) as err:
        check_unique(labels, what="data", fix="aggregate them first")
    assert str(err.value) == (
        "data has duplicated index keys 'b', 'a' ('b' occurs twice); aggregate them first"
    )
    with pytest.raises(DuplicateKeyError, match=r"^cols has duplicated column labels 'a' \('a' "
                       r"occurs 3 times\); rename them$"):
        check_unique(
            pd.Index(["a", "x", "a", "a"]), what="cols", kind="column labels", fix="rename them"
        )


def test_lines_replace_the_count() -> None:
    lines = np.array([2, 3, 4, 5])
    with pytest.raises(DuplicateKeyError) as err:
        check_unique(
            pd.Index(["x", "y", "z", "x"]), what="f.csv", kind="codes", fix="fix", lines=lines
        )
    assert str(err.value) == "f.csv has duplicated codes 'x' ('x' occurs on lines 2, 5); fix"


def test_many_repeats_are_counted_and_labels_are_python_values() -> None:
    labels = pd.Index(np.repeat(np.arange(7, dtype=np.int64), 2))
    with pytest.raises(DuplicateKeyError) as err:
        check_unique(labels, what="ids", kind="ids", fix="one id per unit")
    assert str(err.value) == (
        "ids has duplicated ids 0, 1, 2, 3, 4 and 2 more (0 occurs twice); one id per unit"
    )


def test_multiindex_and_missing_labels() -> None:
    mi = pd.MultiIndex.from_tuples([("01", 2000), ("01", 2005), ("01", 2000)])
    with pytest.raises(DuplicateKeyError, match=r"\('01', 2000\) occurs twice"):
        check_unique(mi, what="data", fix="fix")
    with pytest.raises(DuplicateKeyError, match=r"nan \(nan occurs twice\)"):
        check_unique(pd.Index([1.0, np.nan, np.nan]), what="data", fix="fix")


def test_show_labels() -> None:
    assert show_labels([]) == ""
    assert show_labels(["01"]) == "'01'"
    assert show_labels(list("abcdef")) == "'a', 'b', 'c', 'd', 'e' and 1 more"


def _square(x: float) -> Any:
    return shapely.box(x, 35.0, x + 1.0, 36.0)


CELLS = pd.Index(["53394611", "53394612", "53394611"])
PREFS = ["01", "13", "13", "27"]

#: Callers whose message named no label before the shared helper: each now names it.
CALLERS: dict[str, tuple[Any, str]] = {
    "mesh_to_raster": (
        lambda tmp: jregion.mesh_to_raster(pd.Series([1.0, 2.0, 3.0], index=CELLS), tmp / "x.tif"),
        r"the series has duplicated mesh codes '53394611' \('53394611' occurs twice\); give "
        "each cell one value",
    ),
    "aggregate_mesh frame": (
        lambda tmp: jregion.aggregate_mesh(pd.DataFrame({"pop": [1.0, 2.0, 3.0]}, index=CELLS),
                                           level=2),
        r"frame has duplicated mesh codes '53394611' \('53394611' occurs twice\); give each "
        "cell one row",
    ),
    "aggregate_mesh zones": (
        lambda tmp: jregion.aggregate_mesh(
            pd.DataFrame({"pop": [1.0]}, index=["53394611"]),
            to=gpd.GeoDataFrame(geometry=[_square(139.0)] * 2, index=["z", "z"], crs=4326),
        ),
        r"the zones' index has duplicated keys 'z' \('z' occurs twice\); give each zone one row",
    ),
    "location_quotient reference": (
        lambda tmp: jregion.location_quotient(
            pd.Series([1.0, 2.0, 3.0], index=["01", "13", "27"]),
            reference=pd.Series([1.0, 2.0, 3.0, 4.0], index=PREFS),
        ),
        r"reference has duplicated index keys '13' \('13' occurs twice\); give one reference "
        "value per key",
    ),
}


@pytest.mark.parametrize("case", sorted(CALLERS))
def test_callers_name_the_repeated_label(case: str, tmp_path: Path) -> None:
    call, message = CALLERS[case]
    if case == "mesh_to_raster":
        pytest.importorskip("rasterio")
    with pytest.raises(DuplicateKeyError, match=f"^{message}$"):
        call(tmp_path)
