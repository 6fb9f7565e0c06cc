"""Municipal boundaries, codes and joins (MLIT N03, 2021-01-01)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jregion
from jregion.crs import EQUAL_AREA_CRS
from jregion.municipal_codes import check_layer

FIXTURE = (
    Path(__file__).parent / "fixtures" / "estat" / "ssds_city_population_2015_extract_utf8.csv"
)


@pytest.fixture(scope="module")
def munis() -> gpd.GeoDataFrame:
    return jregion.load_municipalities()


@pytest.fixture(scope="module")
def wards() -> gpd.GeoDataFrame:
    return jregion.load_municipalities(wards=True)


# --- the layer -------------------------------------------------------------------------


def test_counts_match_the_published_number_of_municipalities(munis: gpd.GeoDataFrame) -> None:
    # MIC (総務省, 市町村数の変遷): from 2018-10-01 to 2021-01-01 Japan had 792 cities,
    # 743 towns and 183 villages (1,718), plus Tokyo's 23 special wards: 1,741.
    m = munis[munis["kind"] != "northern_territories_village"]
    kinds = m["kind"].value_counts()
    assert kinds["city"] + kinds["designated_city"] == 792
    assert (kinds["town"], kinds["village"], kinds["special_ward"]) == (743, 183, 23)
    assert kinds["designated_city"] == 20
    assert len(m) == 1741
    assert len(jregion.load_municipalities(northern_territories=False)) == 1741
    # the 6 villages of the Northern Territories listed by N03 (Shikotan, Kunashiri, Etorofu)
    nt = munis.index[munis["kind"] == "northern_territories_village"]
    assert list(nt) == ["01695", "01696", "01697", "01698", "01699", "01700"]


def test_index_and_columns(munis: gpd.GeoDataFrame, wards: gpd.GeoDataFrame) -> None:
    for gdf in (munis, wards):
        assert gdf.index.name == "muni_code"
        assert gdf.index.is_unique and gdf.index.is_monotonic_increasing
        assert gdf.index.str.fullmatch(r"\d{5}").all()
        assert (gdf.index.str[:2] == gdf["pref_code"]).all()
        assert gdf.crs.to_epsg() == 4326
        assert gdf.geometry.is_valid.all() and not gdf.geometry.is_empty.any()
        assert gdf.attrs["boundary_date"] == jregion.BOUNDARY_DATE == "2021-01-01"
        assert "国土数値情報" in gdf.attrs["source"]
    assert munis.loc["14100", "name_ja"] == "横浜市"
    assert munis.loc["13101", ["name_ja", "kind"]].tolist() == ["千代田区", "special_ward"]


def test_wards_replace_their_cities(munis: gpd.GeoDataFrame, wards: gpd.GeoDataFrame) -> None:
    cities = munis.index[munis["kind"] == "designated_city"]
    assert not set(cities) & set(wards.index)
    w = wards[wards["kind"] == "ward"]
    assert len(w) == 175  # administrative wards of the 20 designated cities in 2021
    assert set(w["designated_city_code"]) == set(cities)
    # Yokohama has 18 wards, Kawasaki 7, Sagamihara 3 (city websites)
    assert w["designated_city_code"].value_counts()[["14100", "14130", "14150"]].tolist() == [
        18,
        7,
        3,
    ]
    assert wards.loc["14113", ["full_name_ja", "designated_city_ja"]].tolist() == [
        "横浜市緑区",
        "横浜市",
    ]
    assert munis["designated_city_code"].isna().all()
    # the cities are the union of their wards: equal areas
    ea_w = w.to_crs(EQUAL_AREA_CRS).area.groupby(w["designated_city_code"]).sum()
    ea_c = munis.loc[cities].to_crs(EQUAL_AREA_CRS).area
    pd.testing.assert_series_equal(
        ea_w.sort_index(), ea_c.sort_index(), check_names=False, rtol=1e-9
    )


def test_dissolving_municipalities_gives_the_bundled_prefectures() -> None:
    """Union by prefecture of every unit (+ N03's 4 unassigned areas) equals the prefectures.

    Tolerance: symmetric difference under 1e-6 of each prefecture's area (measured:
    at most 1.1e-8, Aichi; the two N03 files share their topology).
    """
    import pyogrio

    from jregion._manifest import path_of

    raw = pyogrio.read_dataframe(path_of("municipalities"))
    units = raw[raw["layer"] != "wards"]
    assert (units["layer"] == "unassigned").sum() == 4
    dissolved = units.dissolve("pref_code").set_crs(4326, allow_override=True)
    prefs = jregion.load_prefectures()
    assert list(dissolved.index) == list(prefs.index)
    d = dissolved.to_crs(EQUAL_AREA_CRS).geometry
    p = prefs.to_crs(EQUAL_AREA_CRS).geometry
    rel = d.symmetric_difference(p, align=True).area / p.area
    assert rel.max() < 1e-6, rel.sort_values().tail()
    # without the unassigned areas the prefectures lack exactly those areas (9.35 km2 in Tokyo)
    coded = units[units["layer"] != "unassigned"].dissolve("pref_code")
    gap = (p.area - coded.set_crs(4326, allow_override=True).to_crs(EQUAL_AREA_CRS).area) / 1e6
    assert gap.loc["13"] == pytest.approx(9.35, abs=0.01)


def test_northern_territories_are_dropped_like_the_prefecture_layer(
    munis: gpd.GeoDataFrame,
) -> None:
    without = jregion.load_municipalities(northern_territories=False)
    ea = munis.to_crs(EQUAL_AREA_CRS).area / 1e6
    ea2 = without.to_crs(EQUAL_AREA_CRS).area / 1e6
    removed = ea.sum() - ea2.sum()
    nt = jregion.load_prefectures().to_crs(EQUAL_AREA_CRS).area.loc["01"] / 1e6
    nt_trim = (
        jregion.load_prefectures(northern_territories=False).to_crs(EQUAL_AREA_CRS).area.loc["01"]
        / 1e6
    )
    # the same area is removed from both layers; GSI gives 5,003.1 km2 for the territories
    assert removed == pytest.approx(nt - nt_trim, rel=1e-3)
    assert removed == pytest.approx(5003.1, rel=0.01)
    assert ea2.loc["01223"] < ea.loc["01223"]  # Habomai trimmed from Nemuro


def test_loader_returns_copies(munis: gpd.GeoDataFrame) -> None:
    a = jregion.load_municipalities()
    a.loc["01100", "name_ja"] = "x"
    a.attrs["wards"] = "changed"
    b = jregion.load_municipalities()
    assert b.loc["01100", "name_ja"] == "札幌市"
    assert b.attrs["wards"] is False
    with pytest.raises(TypeError, match="wards"):
        jregion.load_municipalities(wards="yes")  # type: ignore[arg-type]


def test_municipality_table_agrees_with_the_layers(munis: gpd.GeoDataFrame) -> None:
    t = jregion.municipality_table()
    assert len(t) == 1922  # 1,727 units in both layers + 20 cities + 175 wards
    assert set(t.index[t["layer"] != "wards"]) == set(munis.index)
    # check digits, hand-worked (JIS X 0402): 01100 -> 0*6+1*5+1*4+0*3+0*2 = 9,
    # 11 - 9 = 2 -> 011002; 13101 -> 6+15+4+0+2 = 27, 27 mod 11 = 5, 11-5 = 6 -> 131016
    assert t.loc["01100", "code6"] == "011002"
    assert t.loc["13101", "code6"] == "131016"


# --- codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("01100", "01100"),
        (1100, "01100"),
        (1100.0, "01100"),
        ("011002", "01100"),
        ("０１１００", "01100"),
        ("横浜市緑区", "14113"),
        ("神奈川県横浜市緑区", "14113"),
        ("北海道伊達市", "01233"),
        ("福島県伊達市", "07213"),
        ("福島県 伊達市", "07213"),
        ("福島伊達市", "07213"),
        ("堺市", "27140"),
        ("石狩郡当別町", "01303"),
        ("鎌ヶ谷市", "12224"),  # N03 writes 鎌ケ谷市
        ("01100 北海道 札幌市", "01100"),
    ],
)
def test_to_municipal_code_reads_codes_and_names(value: object, code: str) -> None:
    assert jregion.to_municipal_code(value) == code


def test_ambiguous_names_are_refused_with_candidates() -> None:
    with pytest.raises(jregion.AmbiguousNameError, match="01233 北海道伊達市; 07213 福島県伊達市"):
        jregion.to_municipal_code("伊達市")
    with pytest.raises(jregion.AmbiguousNameError, match=r"5 units .*14113 神奈川県横浜市緑区"):
        jregion.to_municipal_code("緑区")
    # AmbiguousNameError is an UnknownCodeError (and a ValueError)
    with pytest.raises(ValueError, match="add the prefecture"):
        jregion.to_municipal_code("府中市")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("011003", r"wrong check digit: JIS X 0402 gives 011002"),
        # Niigata city's code before it became a designated city (2007)
        ("15201", r"2021-01-01 .*Heisei mergers \(1999-2010\).*15202 新潟県長岡市"),
        ("13000", r"code of prefecture 13 itself.*jregion.to_code"),
        ("99999", r"prefecture code 01..47"),
        ("1234", r"5-digit local-government code"),
        ("大坂市", r"unknown municipality '大坂市'; did you mean .*'大阪市'.*kana and romaji"),
        ("横浜市録区", r"did you mean .*'横浜市緑区'"),
        ("Sapporo", r"kana and romaji are not read"),
        ("01100 北海道 函館市", r"code 01100 \(01100 北海道札幌市\) and the name disagree"),
        (True, r"not a municipal code"),
    ],
)
def test_bad_codes_name_the_value_and_the_fix(value: object, message: str) -> None:
    with pytest.raises(jregion.UnknownCodeError, match=message):
        jregion.to_municipal_code(value)


def test_missing_values() -> None:
    with pytest.raises(jregion.MissingValueError):
        jregion.to_municipal_code(None)
    s = pd.Series(["13101", None], index=["a", "b"])
    with pytest.raises(jregion.MissingValueError, match=r"rows \[1\]"):
        jregion.to_municipal_codes(s)
    out = jregion.to_municipal_codes(s, missing="keep")
    assert out.tolist() == ["13101", None] and list(out.index) == ["a", "b"]
    assert out.name == "muni_code"


def test_to_municipal_codes_reports_every_bad_value_with_its_row() -> None:
    with pytest.raises(jregion.UnknownCodeError, match=r"row 1 .*15201.*row 2 .*大坂市"):
        jregion.to_municipal_codes(["13101", "15201", "大坂市", "15201"])


def test_region_of_accepts_municipal_codes() -> None:
    values = pd.Series(["14113", "011002", "北海道伊達市", "Osaka"], index=list("abcd"))
    got = jregion.region_of(values)
    assert got.tolist() == ["Kanto", "Hokkaido", "Hokkaido", "Kinki"]
    assert list(got.index) == list("abcd")
    with pytest.raises(jregion.UnknownCodeError, match="as a municipality"):
        jregion.region_of(["15201"])


# --- joins and e-Stat ------------------------------------------------------------------


def test_estat_municipal_ssds_download_joins_at_municipal_level() -> None:
    df = jregion.read_estat(FIXTURE)
    assert df.attrs["encoding"].startswith("utf") and df.attrs["layout"] == "ssds"
    assert (df["level"] == "municipality").all() and len(df) == 100
    table = df[["area_code", "value"]].rename(columns={"value": "population_2015"})
    with pytest.warns(jregion.UnmatchedRowsWarning, match="1647 muni code"):
        gdf = jregion.attach(table, key="area_code", level="municipality")
    assert len(gdf) == 1747 and gdf.index.name == "muni_code"
    # 2015 census populations (Statistics Bureau): Sapporo 1,952,356; Yokohama 3,724,844
    assert gdf.loc["01100", "population_2015"] == 1952356
    assert gdf.loc["14100", "population_2015"] == 3724844
    assert gdf.loc["01233", "name_ja"] == "伊達市"
    assert gdf["population_2015"].notna().sum() == 100
    # the e-Stat labels ("北海道 札幌市") read as names too
    by_name = jregion.to_municipal_codes(df["area_name"])
    assert (by_name.to_numpy() == df["area_code"].to_numpy()).all()


def test_attach_refuses_codes_of_the_other_layer() -> None:
    table = pd.DataFrame({"code": ["14113", "14100"], "v": [1.0, 2.0]})
    with pytest.raises(jregion.UnmatchedKeyError, match=r"ward code.*14113.*level='ward'"):
        jregion.attach(table, key="code", level="municipality")
    with pytest.raises(jregion.UnmatchedKeyError, match=r"designated-city code.*14100"):
        jregion.attach(table, key="code", level="ward")
    with pytest.warns(jregion.UnmatchedRowsWarning):
        gdf = jregion.attach(table.iloc[:1], key="code", level="ward", how="inner")
    assert list(gdf.index) == ["14113"] and gdf.loc["14113", "v"] == 1.0
    with pytest.raises(ValueError, match="resolution='full'"):
        jregion.attach(table.iloc[:1], key="code", level="ward", resolution="web")
    assert table["code"].tolist() == ["14113", "14100"]  # not modified


def test_check_layer_accepts_the_right_layer() -> None:
    check_layer(pd.Series(["14113", "13101"]), wards=True)
    check_layer(pd.Series(["14100", "13101"]), wards=False)


# --- weights ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def queen(munis: gpd.GeoDataFrame) -> object:
    return jregion.build_weights(munis)


def _links(graph: object) -> set[tuple[str, str]]:
    adj = graph.adjacency  # type: ignore[attr-defined]
    adj = adj[adj > 0]
    return set(zip(adj.index.get_level_values(0), adj.index.get_level_values(1), strict=True))


@pytest.mark.slow
def test_queen_weights_over_municipalities(munis: gpd.GeoDataFrame, queen: object) -> None:
    g = queen
    assert list(g.unique_ids if hasattr(g, "unique_ids") else g.ids) == list(munis.index)  # type: ignore[attr-defined]
    # islands without a land border, reported as isolates, not linked (fixed_links.csv records
    # prefecture pairs only, so no municipal bridge or tunnel ends are sourced)
    isolates = set(g.isolates)  # type: ignore[attr-defined]
    assert len(isolates) == 49
    assert g.n_components == 64  # type: ignore[attr-defined]  # main islands apart, 49 isolates
    for code in ("15224", "42209", "42210", "47207", "13421", "01695", "32528"):
        assert code in isolates  # Sado, Tsushima, Iki, Ishigaki, Ogasawara, Shikotan, Okinoshima
    # land neighbours: Yokohama's (Kawasaki, Machida in Tokyo, Kamakura, ...)
    assert sorted(g["14100"].index) == [  # type: ignore[index]
        "13209", "14130", "14201", "14204", "14205", "14208", "14213"
    ]
    # municipalities that touch across a prefecture border give exactly the 87 land borders
    # of data/reference/adjacency.csv (86 + Okayama-Kagawa on Ishima)
    pref = munis["pref_code"]
    pairs = {tuple(sorted((pref[a], pref[b]))) for a, b in _links(g) if pref[a] != pref[b]}
    adj = pd.read_csv(Path(jregion._manifest.path_of("adjacency")), dtype=str)
    land = adj[adj["status"].str.startswith("land_border")]
    assert pairs == {tuple(sorted(p)) for p in zip(land["pref_a"], land["pref_b"], strict=True)}


@pytest.mark.slow
def test_queen_weights_match_libpysal(munis: gpd.GeoDataFrame, queen: object) -> None:
    from libpysal.graph import Graph

    ref = Graph.build_contiguity(munis.geometry, rook=False)
    assert _links(queen) == _links(ref)


# --- a sourced municipal indicator -----------------------------------------------------


def test_population_of_the_792_cities_2015() -> None:
    pop = jregion.load_indicator("population_cities_2015")
    assert len(pop) == 792 and pop.index.name == "muni_code"
    # 2015 census (Statistics Bureau): Yokohama 3,724,844; Osaka 2,691,185; Sapporo 1,952,356
    assert pop.loc[["14100", "27100", "01100"], "population_2015"].tolist() == [
        3724844,
        2691185,
        1952356,
    ]
    # every row is a city of 2021; each prefecture's cities hold at most its census total
    kinds = jregion.municipality_table().loc[pop.index, "kind"]
    assert set(kinds) == {"city", "designated_city"}
    pref = jregion.load_indicator("population", year=2015)["population"]
    sums = pop["population_2015"].groupby(pop.index.str[:2]).sum()
    assert (sums <= pref.reindex(sums.index)).all()
    # Tokyo's 23 wards are not cities: Tokyo's cities hold 4.2 of its 13.5 million
    assert 0.25 < sums["13"] / pref["13"] < 0.35
    with pytest.warns(jregion.UnmatchedRowsWarning, match="955 muni code"):
        gdf = jregion.attach(pop, key=None, level="municipality")
    assert gdf["population_2015"].notna().sum() == 792


def test_every_code_and_prefixed_name_round_trips() -> None:
    """All 1,922 units: 5-digit, 6-digit, integer and prefecture+name forms give the code."""
    t = jregion.municipality_table()
    codes = pd.Series(t.index, index=t.index)
    assert jregion.to_municipal_codes(codes).equals(codes.rename("muni_code").astype(object))
    assert (jregion.to_municipal_codes(t["code6"]).to_numpy() == t.index.to_numpy()).all()
    ints = [int(c) for c in t.index]
    assert jregion.to_municipal_codes(ints).tolist() == list(t.index)
    names = t["pref_ja"] + t["full_name_ja"]
    # one pair shares prefecture and name: 泊村 of 古宇郡 (01403) and of 国後郡 (01696, one
    # of the Northern Territories villages); the county tells them apart
    twins = names.duplicated(keep=False)
    assert list(t.index[twins]) == ["01403", "01696"]
    names[twins] = t["pref_ja"] + t["county_ja"].fillna("") + t["name_ja"]
    assert (jregion.to_municipal_codes(names).to_numpy() == t.index.to_numpy()).all()
    with pytest.raises(jregion.AmbiguousNameError, match="01403 北海道泊村; 01696 北海道泊村"):
        jregion.to_municipal_code("北海道泊村")


def test_attach_is_independent_of_row_order_and_key_form() -> None:
    pop = jregion.load_indicator("population_cities_2015").reset_index()
    rng = np.random.default_rng(3)
    shuffled = pop.iloc[rng.permutation(len(pop))].copy()
    shuffled["muni_code"] = [
        int(c) if i % 3 == 0 else (c + str(jregion.municipality_table().loc[c, "code6"][-1]))
        if i % 3 == 1
        else c
        for i, c in enumerate(shuffled["muni_code"])
    ]
    with pytest.warns(jregion.UnmatchedRowsWarning):
        a = jregion.attach(pop, key="muni_code", level="municipality")
    with pytest.warns(jregion.UnmatchedRowsWarning):
        b = jregion.attach(shuffled, key="muni_code", level="municipality")
    pd.testing.assert_frame_equal(a.drop(columns="geometry"), b.drop(columns="geometry"))


def test_to_code_points_municipal_codes_to_the_municipal_functions() -> None:
    with pytest.raises(
        jregion.UnknownCodeError, match=r"municipal code in prefecture 13.*to_municipal_code"
    ):
        jregion.to_code("13101")


_TABLE = jregion.municipality_table()


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(list(_TABLE.index)), digit=st.integers(0, 9))
def test_six_digit_codes_need_their_check_digit(code: str, digit: int) -> None:
    good = int(_TABLE.loc[code, "code6"][-1])
    if digit == good:
        assert jregion.to_municipal_code(f"{code}{digit}") == code
    else:
        with pytest.raises(jregion.UnknownCodeError, match=f"JIS X 0402 gives {code}{good}"):
            jregion.to_municipal_code(f"{code}{digit}")
