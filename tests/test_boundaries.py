from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from libpysal.graph import Graph

import jregion
from jregion._manifest import path_of

EA = jregion.EQUAL_AREA_CRS


def test_prefectures_basic(prefs: gpd.GeoDataFrame) -> None:
    assert len(prefs) == 47
    assert prefs.index.tolist() == list(jregion.PREFECTURE_CODES)
    assert prefs.index.is_unique and prefs.index.name == "pref_code"
    assert prefs.crs.to_epsg() == 4326
    assert prefs.geometry.is_valid.all()
    assert (prefs.geom_type == "MultiPolygon").all()
    assert prefs.columns.tolist() == ["name_en", "name_ja", "geometry"]


def test_load_returns_fresh_copy() -> None:
    a = jregion.load_prefectures()
    a.loc["01", "name_en"] = "changed"
    assert jregion.load_prefectures().loc["01", "name_en"] == "Hokkaido"


@pytest.mark.parametrize("resolution", ["full", "web"])
def test_area_against_gsi(resolution: str, gsi_area: pd.Series) -> None:
    """Each prefecture's equal-area area is within 1 % (full) / 2 % (web) of GSI's official area.

    Reference: GSI 全国都道府県市区町村別面積調 (published 2019-07-01), data/reference/area_gsi.csv.
    """
    g = jregion.load_prefectures(resolution=resolution)  # type: ignore[arg-type]
    km2 = g.to_crs(EA).area / 1e6
    dev = (km2 / gsi_area - 1).abs()
    limit = 0.01 if resolution == "full" else 0.02
    assert dev.max() < limit, dev.sort_values().tail(3)
    if resolution == "full":
        assert dev.max() < 0.0053  # measured 0.52 % (DATA-LEADS.md)
        assert abs(km2["01"] / 83424.39 - 1) < 0.001


def test_northern_territories_option(gsi_area: pd.Series) -> None:
    """Without the Northern Territories Hokkaido loses 5,003.1 km2 (GSI 2014, hoppou.go.jp)."""
    full = jregion.load_prefectures().to_crs(EA).area / 1e6
    cut = jregion.load_prefectures(northern_territories=False).to_crs(EA).area / 1e6
    assert abs((full["01"] - cut["01"]) - 5003.1) < 0.005 * 5003.1
    assert (full.drop("01") == cut.drop("01")).all()
    web = jregion.load_prefectures(resolution="web", northern_territories=False)
    assert web.geometry.is_valid.all()
    assert web.geometry.loc["01"].bounds[2] < 145.9  # nothing east of Nemuro peninsula


@pytest.mark.parametrize(
    ("code", "lon", "lat", "island"),
    [
        ("15", 138.37, 38.03, "Sado"),
        ("28", 134.84, 34.40, "Awaji"),
        ("42", 129.30, 34.35, "Tsushima"),
        ("42", 128.84, 32.70, "Fukue (Goto)"),
        ("46", 129.50, 28.30, "Amami Oshima"),
        ("47", 125.30, 24.79, "Miyako"),
        ("47", 124.18, 24.35, "Ishigaki (Yaeyama)"),
        ("13", 139.36, 34.74, "Izu Oshima"),
        ("13", 142.20, 27.08, "Chichijima (Ogasawara)"),
        ("01", 147.90, 45.00, "Etorofu (Northern Territories)"),
    ],
)
def test_islands_are_in_their_prefecture(
    prefs: gpd.GeoDataFrame, code: str, lon: float, lat: float, island: str
) -> None:
    # the point is on the island (coordinates from the island's N03 polygon interior)
    geom = prefs.geometry.loc[code]
    assert geom.distance(shapely.Point(lon, lat)) < 0.03, island


def test_land_borders_match_reference_list(prefs: gpd.GeoDataFrame) -> None:
    """Queen contiguity gives exactly the 87 land-border pairs of data/reference/adjacency.csv.

    The list is two independent sources: LIFULL's neighbouring_pref and GSI Global Map arcs.
    """
    g = Graph.build_contiguity(prefs, rook=False)
    adj = g.adjacency.reset_index()
    got = {
        tuple(sorted(p)) for p in zip(adj["focal"], adj["neighbor"], strict=True) if p[0] != p[1]
    }
    ref = pd.read_csv(path_of("adjacency"), dtype=str)
    land = ref[ref["status"].str.startswith("land_border")]
    expected = {tuple(sorted(p)) for p in zip(land["pref_a"], land["pref_b"], strict=True)}
    assert len(expected) == 87
    assert got == expected


def test_web_layer_shares_borders_without_gaps_or_overlaps(prefs_web: gpd.GeoDataFrame) -> None:
    assert path_of("prefectures_web").stat().st_size < 300_000
    assert prefs_web.index.tolist() == list(jregion.PREFECTURE_CODES)
    assert prefs_web.geometry.is_valid.all()
    proj = prefs_web.to_crs(EA)
    tree = shapely.STRtree(proj.geometry.values)
    left, right = tree.query(proj.geometry.values, predicate="intersects")
    pairs = [(i, j) for i, j in zip(left, right, strict=True) if i < j]
    overlap = [proj.geometry.iloc[i].intersection(proj.geometry.iloc[j]).area for i, j in pairs]
    assert max(overlap) < 1.0  # m2: shared borders are identical, no overlaps
    # no gaps: the union has no interior holes that the full layer does not have
    g = Graph.build_contiguity(prefs_web, rook=False)
    adj = g.adjacency.reset_index()
    got = {
        tuple(sorted(p)) for p in zip(adj["focal"], adj["neighbor"], strict=True) if p[0] != p[1]
    }
    assert len(got) == 87


def test_bad_options() -> None:
    with pytest.raises(ValueError, match="level='municipality' is not available"):
        jregion.load_prefectures(level="municipality")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="resolution must be"):
        jregion.load_prefectures(resolution="high")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lang must be"):
        jregion.attribution(lang="fr")  # type: ignore[arg-type]


def test_attribution_credits_mlit_and_editing() -> None:
    assert "国土数値情報（行政区域データ）" in jregion.attribution(lang="ja")
    assert "加工" in jregion.attribution(lang="ja")
    en = jregion.attribution()
    assert "MLIT" in en and "edited" in en
