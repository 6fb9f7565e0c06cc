"""Regression tests for defects found in review (each reproduced before the fix)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

import jregion


def test_build_weights_refuses_invalid_geometry() -> None:
    # a self-intersecting "bow tie" projected to a centroid ~1e18 m away gave wrong knn neighbours
    bow = Polygon([(139, 35), (140, 36), (140, 35), (139, 36)])
    g = gpd.GeoDataFrame(
        geometry=[bow, box(140, 35, 141, 36), box(141, 35, 142, 36), box(138, 35, 139, 36)],
        index=list("abcd"),
        crs="EPSG:4326",
    )
    with pytest.raises(jregion.GeometryError, match=r"\['a'\].*make_valid"):
        jregion.build_weights(g, kind="knn", k=1)


def test_moran_rate_without_events_says_so(prefs: gpd.GeoDataFrame) -> None:
    graph = jregion.build_weights(prefs, links="japan")
    pop = jregion.load_indicator("population", year=2015)["population"]
    with pytest.raises(jregion.InvalidDataError, match="events sum to zero"):
        jregion.moran_rate(pd.Series(0.0, index=pop.index), pop, graph)


def test_primacy_ratio_region_without_rows_is_infinite_not_keyerror() -> None:
    # only Tokyo (Kanto) and Osaka (Kinki): Chubu has no rows, share 0, ratio inf
    out = jregion.primacy_ratio(pd.Series([1.0, 2.0], index=["13", "27"]))
    assert out["Kanto/Kinki"] == pytest.approx(0.5)
    assert np.isinf(out["Kanto/Chubu"])


def test_duplicate_column_labels_are_named() -> None:
    df = pd.DataFrame([[1, 2, 3], [4, 5, 6]], columns=["a", "a", "b"], index=["01", "02"])
    with pytest.raises(jregion.DuplicateKeyError, match="duplicated column labels"):
        jregion.gini(df)


def test_attach_refuses_to_sum_text_columns() -> None:
    table = pd.DataFrame({"pref": ["Tokyo", "東京都"], "label": ["a", "b"], "v": [1, 2]})
    with pytest.raises(TypeError, match=r"\['label'\] are not"):
        jregion.attach(table, key="pref", aggregate="sum")


def test_scheme_mapping_with_no_region_raises() -> None:
    mapping: dict[object, object] = {c: "x" for c in jregion.PREFECTURE_CODES}
    mapping["13"] = None
    with pytest.raises(jregion.SchemeError, match="no region for"):
        jregion.scheme_table(mapping)  # type: ignore[arg-type]


def test_load_indicator_accepts_numpy_year() -> None:
    a = jregion.load_indicator("population", year=np.int64(2005))
    b = jregion.load_indicator("population", year=2005)
    pd.testing.assert_frame_equal(a, b)


def test_unknown_encoding_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "x.csv"
    p.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(jregion.EncodingError, match="unknown encoding 'nonsense'"):
        jregion.read_estat(p, encoding="nonsense")
