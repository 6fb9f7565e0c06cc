"""Spatial weights: contiguity against the sourced land-border list, links, distances, errors.

References:
- data/reference/adjacency.csv: 87 land borders in two independent sources (LIFULL's declared
  neighbours and the shared arcs of GSI Global Map Japan) and 6 sea links (source A).
- Distances are checked against a brute-force numpy computation on centroids in
  jregion.EQUAL_AREA_CRS, independent of libpysal's KD-tree; kernel weights against their
  textbook formulas.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import jregion
from jregion._manifest import path_of
from jregion.errors import (
    CRSError,
    DisconnectedGraphWarning,
    DuplicateKeyError,
    GeometryError,
    UnmatchedKeyError,
)
from jregion.weights import (
    FixedLink,
    build_weights,
    check_connectivity,
    connectivity_report,
    japan_links,
)

HONSHU = [f"{i:02d}" for i in range(2, 36)]
SHIKOKU = ["36", "37", "38", "39"]
KYUSHU = [f"{i:02d}" for i in range(40, 47)]


def _pairs(graph: object) -> set[tuple[str, str]]:
    adj = graph.adjacency  # type: ignore[attr-defined]
    adj = adj[adj != 0]
    return {
        tuple(sorted((f"{int(a):02d}", f"{int(b):02d}")))  # type: ignore[misc]
        for a, b in adj.index
    }


@pytest.fixture(scope="module")
def adjacency() -> pd.DataFrame:
    return pd.read_csv(path_of("adjacency"), dtype={"pref_a": str, "pref_b": str})


@pytest.fixture(scope="module")
def land_pairs(adjacency: pd.DataFrame) -> set[tuple[str, str]]:
    land = adjacency[adjacency["status"].str.startswith("land_border")]
    return set(zip(land["pref_a"], land["pref_b"], strict=True))


@pytest.fixture(params=["str", "int"])
def ids_prefs(request: pytest.FixtureRequest, prefs: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The prefectures with string ids ('01') or integer ids (1), rows shuffled."""
    g = prefs.sample(frac=1.0, random_state=7)
    if request.param == "int":
        g = g.set_axis(g.index.astype(int), axis=0)
    return g


@pytest.mark.parametrize("kind", ["queen", "rook"])
def test_contiguity_equals_land_borders(
    kind: str, ids_prefs: gpd.GeoDataFrame, land_pairs: set[tuple[str, str]]
) -> None:
    graph = build_weights(ids_prefs, kind=kind)  # type: ignore[arg-type]
    assert len(land_pairs) == 87
    assert _pairs(graph) == land_pairs
    assert list(graph.unique_ids) == list(ids_prefs.index)  # the caller's (shuffled) order
    assert graph.asymmetry().empty


def test_islands_without_links(prefs: gpd.GeoDataFrame) -> None:
    rep = connectivity_report(build_weights(prefs))
    comps = {frozenset(c) for c in rep.components}
    # Shikoku touches Honshu only through the Okayama-Kagawa border on Ishima island.
    assert comps == {frozenset(["01"]), frozenset(HONSHU + SHIKOKU), frozenset(KYUSHU),
                     frozenset(["47"])}
    assert rep.isolates == ("01", "47")
    assert rep.component["13"] == 0 and rep.component["40"] == 1
    # Without that contested island border, Shikoku's four are cut off as well.
    edges = build_weights(prefs).adjacency
    keep = [(a, b) not in {("33", "37"), ("37", "33")} for a, b in edges.index]
    cut = jregion.weights.graph_from_edges(
        prefs.index, edges.index.get_level_values(0)[keep],
        edges.index.get_level_values(1)[keep], edges.to_numpy()[keep])
    comps_cut = {frozenset(c) for c in connectivity_report(cut).components}
    assert frozenset(SHIKOKU) in comps_cut and frozenset(HONSHU) in comps_cut


def test_japan_preset(ids_prefs: gpd.GeoDataFrame, adjacency: pd.DataFrame) -> None:
    graph = build_weights(ids_prefs, links="japan")
    rep = connectivity_report(graph)
    assert rep.is_connected and rep.n_components == 1 and rep.isolates == ()
    # Land borders plus the sea links of adjacency.csv, except Tokyo Bay (12-14, not in preset).
    expected = set(zip(adjacency["pref_a"], adjacency["pref_b"], strict=True)) - {("12", "14")}
    assert len(expected) == 92
    assert _pairs(graph) == expected
    status = dict(zip(rep.links["name"], rep.links["status"], strict=True))
    assert status.pop("Seto-Ohashi") == "already_adjacent"
    assert set(status.values()) == {"added"} and len(status) == 5
    first = ids_prefs.index[ids_prefs.index.astype(str).str.lstrip("0") == "1"][0]
    okinawa = ids_prefs.index[ids_prefs.index.astype(str).str.lstrip("0") == "47"][0]
    assert rep.degree[first] == 1 and rep.degree[okinawa] == 1
    assert rep.degree_distribution.sum() == 47
    assert rep.degree_distribution.index.tolist() == list(range(rep.degree.max() + 1))
    assert all(rep.links["source"].str.len() > 20)


def test_links_add_and_remove(prefs: gpd.GeoDataFrame) -> None:
    no_seikan = build_weights(prefs, links=japan_links(exclude=["Seikan Tunnel"]))
    assert connectivity_report(no_seikan).isolates == ("01",)
    aqua = FixedLink("Tokyo Bay Aqua-Line", ("12", "14"), "bridge_and_tunnels",
                     source="https://en.wikipedia.org/wiki/Tokyo_Bay_Aqua-Line")
    graph = build_weights(prefs, links=[*japan_links(), aqua])
    assert ("12", "14") in _pairs(graph)
    frame = connectivity_report(graph).to_frame()
    assert frame.loc["12", "links"] == "Tokyo Bay Aqua-Line"
    assert frame.loc["13", "links"] == ""
    with pytest.raises(ValueError, match="unknown link name"):
        japan_links(exclude=["Seikan"])
    # Integer ids: prefecture codes in a link are matched to 12 and 14.
    int_ids = prefs.set_axis(prefs.index.astype(int), axis=0)
    assert (12, 14) in set(build_weights(int_ids, links=[aqua]).adjacency.index)
    # A GeoSeries works as well as a GeoDataFrame.
    assert _pairs(build_weights(prefs.geometry, links="japan")) == _pairs(
        build_weights(prefs, links="japan"))


def test_preset_on_subset_skips_and_reports(prefs: gpd.GeoDataFrame) -> None:
    kyushu = prefs.loc[[*KYUSHU, "47"]]
    rep = connectivity_report(build_weights(kyushu, links="japan"))
    status = dict(zip(rep.links["name"], rep.links["status"], strict=True))
    assert status["Kanmon crossings"] == "skipped_missing_unit"
    assert status["Okinawa-Kagoshima (nearest neighbour)"] == "added"
    assert rep.is_connected


def test_link_errors(prefs: gpd.GeoDataFrame) -> None:
    bad = FixedLink("typo", ("13", "99"), "bridge", source="nowhere in particular")
    with pytest.raises(UnmatchedKeyError, match="99"):
        build_weights(prefs, links=[bad])
    munis = prefs.set_axis([f"{c}101" for c in prefs.index], axis=0)
    with pytest.raises(UnmatchedKeyError, match="prefecture codes"):
        build_weights(munis, links="japan")
    with pytest.raises(ValueError, match="source"):
        FixedLink("x", ("01", "02"), "bridge", source=" ")
    with pytest.raises(ValueError, match="kernel"):
        build_weights(prefs, kind="kernel", bandwidth=200, links="japan")
    with pytest.raises(TypeError, match="FixedLink"):
        build_weights(prefs, links=[("01", "02")])  # type: ignore[list-item]


def _centroids_km(prefs: gpd.GeoDataFrame) -> np.ndarray:
    c = prefs.to_crs(jregion.EQUAL_AREA_CRS).geometry.centroid
    return np.column_stack([c.x, c.y]) / 1000.0


def test_knn_against_brute_force(prefs: gpd.GeoDataFrame) -> None:
    xy = _centroids_km(prefs)
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    graph = build_weights(prefs, kind="knn", k=3)
    for i, code in enumerate(prefs.index):
        expected = set(prefs.index[np.argsort(d[i])[:3]])
        assert set(graph[code].index) == expected
    assert list(build_weights(prefs, kind="knn", k=1)["47"].index) == ["46"]


def test_distance_band_and_kernel(prefs: gpd.GeoDataFrame) -> None:
    xy = _centroids_km(prefs)
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    band = build_weights(prefs, kind="distance_band", threshold=150.0)
    expected = {(prefs.index[i], prefs.index[j]) for i, j in zip(*np.nonzero(d < 150.0),
                                                                 strict=True) if i < j}
    assert _pairs(band) == expected
    assert "47" in connectivity_report(band).isolates  # Okinawa is > 150 km from all
    tri = build_weights(prefs, kind="kernel", kernel="triangular", bandwidth=120.0)
    i, j = prefs.index.get_loc("13"), prefs.index.get_loc("14")
    assert tri.adjacency[("13", "14")] == pytest.approx(1 - d[i, j] / 120.0, rel=1e-9)
    gauss = build_weights(prefs, kind="kernel", bandwidth=120.0)
    z = d[i, j] / 120.0
    assert gauss.adjacency[("13", "14")] == pytest.approx(
        np.exp(-0.5 * z * z) / np.sqrt(2 * np.pi), rel=1e-9)


def test_crs_handling(prefs: gpd.GeoDataFrame) -> None:
    projected = prefs.to_crs(jregion.EQUAL_AREA_CRS)
    a = build_weights(prefs, kind="knn", k=4)
    b = build_weights(projected, kind="knn", k=4)
    assert _pairs(a) == _pairs(b)
    with pytest.raises(CRSError, match="no CRS"):
        build_weights(prefs.set_crs(None, allow_override=True), kind="knn", k=2)
    with pytest.raises(CRSError, match="metres"):
        build_weights(prefs.to_crs("+proj=aea +lat_1=30 +lat_2=40 +lon_0=137 +units=us-ft"),
                      kind="knn", k=2)
    # Contiguity needs no CRS.
    assert len(_pairs(build_weights(prefs.set_crs(None, allow_override=True)))) == 87


def test_input_not_modified(prefs: gpd.GeoDataFrame) -> None:
    g = prefs.copy()
    build_weights(g, kind="knn", k=2, links="japan")
    pd.testing.assert_frame_equal(g, prefs)


def test_bad_input(prefs: gpd.GeoDataFrame) -> None:
    dup = pd.concat([prefs.iloc[:3], prefs.iloc[[0]]])
    with pytest.raises(DuplicateKeyError, match="01"):
        build_weights(dup)
    empty = prefs.copy()
    empty.loc["13", "geometry"] = shapely.Polygon()
    with pytest.raises(GeometryError, match="13"):
        build_weights(empty)
    with pytest.raises(ValueError, match="1 <= k < 47"):
        build_weights(prefs, kind="knn", k=47)
    with pytest.raises(ValueError, match="not used"):
        build_weights(prefs, kind="queen", k=3)
    with pytest.raises(ValueError, match="threshold"):
        build_weights(prefs, kind="distance_band")
    with pytest.raises(ValueError, match="kind must be"):
        build_weights(prefs, kind="delaunay")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="GeoDataFrame"):
        build_weights(pd.DataFrame(prefs.drop(columns="geometry")))


def test_check_connectivity_warns(prefs: gpd.GeoDataFrame) -> None:
    with pytest.warns(DisconnectedGraphWarning, match=r"4 components; 2 isolates \(01, 47\)"):
        check_connectivity(build_weights(prefs))
    band = build_weights(prefs, kind="distance_band", threshold=400.0)
    with pytest.warns(DisconnectedGraphWarning, match="links='japan'"):
        check_connectivity(band)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_connectivity(build_weights(prefs, links="japan"))


def test_report_on_plain_graph(prefs: gpd.GeoDataFrame) -> None:
    # A libpysal Graph's transformed copy carries no link record; a SparseGraph's keeps it.
    linked = build_weights(prefs, links="japan")
    plain = linked.to_libpysal().transform("r")
    rep = connectivity_report(plain)
    assert rep.links.empty and rep.is_connected
    kept = connectivity_report(linked.transform("r")).links
    pd.testing.assert_frame_equal(kept, connectivity_report(linked).links)
    with pytest.raises(TypeError, match="Graph"):
        connectivity_report(prefs)


def test_build_weights_refuses_invalid_geometry() -> None:
    # a self-intersecting "bow tie" projected to a centroid ~1e18 m away gave wrong knn neighbours
    from shapely.geometry import Polygon, box

    bow = Polygon([(139, 35), (140, 36), (140, 35), (139, 36)])
    g = gpd.GeoDataFrame(
        geometry=[bow, box(140, 35, 141, 36), box(141, 35, 142, 36), box(138, 35, 139, 36)],
        index=list("abcd"),
        crs="EPSG:4326",
    )
    with pytest.raises(jregion.GeometryError, match=r"\['a'\].*make_valid"):
        jregion.build_weights(g, kind="knn", k=1)
