"""SparseGraph and the bundled prefecture preset, against build_weights on the boundaries.

Reference: ``build_weights(load_prefectures(), ...)`` computes queen contiguity from the
bundled polygons with libpysal; ``prefecture_graph`` reads the sourced land-border table
instead. They are independent routes to the same graph, so they must agree exactly.
"""

from __future__ import annotations

import subprocess
import sys
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import jregion
from jregion.errors import DisconnectedGraphWarning, DuplicateKeyError, UnmatchedKeyError
from jregion.weights import (
    FixedLink,
    SparseGraph,
    build_weights,
    connectivity_report,
    japan_links,
    prefecture_graph,
)


@pytest.fixture(scope="module")
def density() -> pd.Series:
    pop = jregion.load_indicator("population", year=2015)["population"]
    return np.log(pop / jregion.load_indicator("area")["area_km2"]).rename("density")


def _same(a: SparseGraph, b: object) -> None:
    assert list(a.unique_ids) == list(b.unique_ids)  # type: ignore[attr-defined]
    diff = sp.csr_array(a.sparse) - sp.csr_array(b.sparse)  # type: ignore[attr-defined]
    assert abs(diff).sum() == 0
    # libpysal's own contiguity graph stores integer weights; the values must be equal
    pd.testing.assert_series_equal(a.adjacency, b.adjacency.astype(float))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "links",
    ["japan", None, japan_links(exclude=["Seikan Tunnel"]),
     [FixedLink("Tokyo Bay Aqua-Line", ("12", "14"), "bridge_and_tunnel", "test link")]],
)
def test_prefecture_graph_equals_build_weights(prefs: gpd.GeoDataFrame, links: object) -> None:
    fast = prefecture_graph(links=links)  # type: ignore[arg-type]
    slow = build_weights(prefs, kind="queen", links=links)  # type: ignore[arg-type]
    _same(fast, slow)
    a, b = connectivity_report(fast), connectivity_report(slow)
    assert a.components == b.components and a.isolates == b.isolates
    pd.testing.assert_frame_equal(a.links, b.links)
    pd.testing.assert_series_equal(a.degree, b.degree)


def test_preset_facts() -> None:
    g = prefecture_graph()
    assert g.n == 47 and g.unique_ids.name == "pref_code"
    assert g.sparse.nnz == 2 * (87 + 5)  # 87 land borders, 5 links added (Seto-Ohashi was there)
    assert g.neighbors("47") == ("46",)
    assert set(g.neighbors("28")) >= {"36", "26", "27", "33"}
    assert connectivity_report(g).is_connected
    assert connectivity_report(prefecture_graph(links=None)).isolates == ("01", "47")


def test_to_graph_round_trip(prefs: gpd.GeoDataFrame) -> None:
    g = prefecture_graph()
    graph = g.to_graph()
    _same(g, graph)
    assert int(graph.n_components) == 1
    assert connectivity_report(graph).links["status"].tolist() == [
        "added", "added", "added", "already_adjacent", "added", "added"]


def test_statistics_identical_on_both(prefs: gpd.GeoDataFrame, density: pd.Series) -> None:
    fast, slow = prefecture_graph(), build_weights(prefs, links="japan")
    for fn in (jregion.moran, jregion.geary, jregion.local_moran, jregion.local_g):
        a = fn(density, fast, seed=7).to_frame()
        b = fn(density, slow, seed=7).to_frame()
        pd.testing.assert_frame_equal(a, b)
    pop = jregion.load_indicator("population", year=2015)["population"]
    pd.testing.assert_series_equal(
        jregion.spatial_location_quotient(density, fast, reference=pop),
        jregion.spatial_location_quotient(density, slow, reference=pop),
    )
    frame = prefs.assign(y=density, x=np.arange(47.0) % 5)
    a = jregion.fit("y ~ x", frame, model="lag", weights=fast)
    b = jregion.fit("y ~ x", frame, model="lag", weights=slow)
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())


def test_disconnected_sparse_graph_warns(density: pd.Series) -> None:
    with pytest.warns(DisconnectedGraphWarning, match="01"):
        jregion.moran(density, prefecture_graph(links=None), permutations=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        jregion.moran(density, prefecture_graph(), permutations=0)


def test_bad_input() -> None:
    ids = pd.Index(["a", "b"])
    with pytest.raises(ValueError, match="square"):
        SparseGraph(ids, sp.csr_array((2, 3)))
    with pytest.raises(DuplicateKeyError, match="'a'"):
        SparseGraph(pd.Index(["a", "a"]), sp.csr_array((2, 2)))
    with pytest.raises(TypeError, match="scipy sparse"):
        SparseGraph(ids, np.zeros((2, 2)))  # type: ignore[arg-type]
    listed = SparseGraph(["a", "b"], sp.csr_matrix(np.array([[0.0, 1.0], [1.0, 0.0]])))  # type: ignore[arg-type]
    assert isinstance(listed.unique_ids, pd.Index) and listed.neighbors("a") == ("b",)
    with pytest.raises(KeyError, match="'zz' is not an id"):
        listed.neighbors("zz")
    with pytest.raises(ValueError, match="links must be 'japan'"):
        prefecture_graph(links="korea")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="FixedLink"):
        prefecture_graph(links=[("01", "02")])  # type: ignore[list-item]
    with pytest.raises(UnmatchedKeyError, match="'99'"):
        prefecture_graph(links=[FixedLink("nowhere", ("01", "99"), "bridge", "test")])
    with pytest.raises(UnmatchedKeyError, match="index does not match"):
        jregion.local_moran(pd.Series(np.arange(46.0), index=jregion.PREFECTURE_CODES[:46]),
                            prefecture_graph())


def _fresh_density_script(body: str) -> str:
    """Run ``body`` in a fresh process after loading log population density as ``y``."""
    prelude = (
        "import sys, warnings, numpy as np, jregion\n"
        "pop = jregion.load_indicator('population', year=2015)['population']\n"
        "y = np.log(pop / jregion.load_indicator('area')['area_km2'])\n"
    )
    out = subprocess.run([sys.executable, "-c", prelude + body], capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


def test_fresh_process_needs_neither_libpysal_nor_geopandas_nor_scipy() -> None:
    out = _fresh_density_script(
        "res = jregion.local_moran(y, jregion.prefecture_graph(), seed=1)\n"
        "print(res.cluster['13'], [m for m in ('libpysal', 'geopandas', 'sklearn', 'numba',"
        " 'scipy') if m in sys.modules])\n"
    )
    assert out == "High-High []"


@pytest.mark.parametrize("links", ["japan", None])
def test_connectivity_report_on_sparse_graph_equals_libpysal(links: object) -> None:
    g = prefecture_graph(links=links)  # type: ignore[arg-type]
    mine, ref = connectivity_report(g), connectivity_report(g.to_graph())
    assert mine.components == ref.components and mine.isolates == ref.isolates
    pd.testing.assert_frame_equal(mine.to_frame(), ref.to_frame())
    pd.testing.assert_frame_equal(mine.links, ref.links)
    pd.testing.assert_series_equal(mine.degree_distribution, ref.degree_distribution)
    assert mine.n_edges == ref.n_edges


def test_disconnected_warning_without_libpysal() -> None:
    out = _fresh_density_script(
        "with warnings.catch_warnings(record=True) as w:\n"
        "    warnings.simplefilter('always')\n"
        "    jregion.local_moran(y, jregion.prefecture_graph(links=None), seed=1)\n"
        "print(type(w[0].message).__name__, 'isolates (01, 47)' in str(w[0].message),"
        " [m for m in ('libpysal', 'scipy') if m in sys.modules])\n"
    )
    assert out == "DisconnectedGraphWarning True []"
