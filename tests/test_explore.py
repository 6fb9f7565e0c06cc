"""jregion.explore: Folium maps checked through their layers and rendered HTML.

References: prefecture areas are GSI's published figures (data/reference/area_gsi.csv);
by area Hokkaido ranks 1st, Tokyo 45th, Osaka 46th and Kagawa 47th of 47. Class colours:
matplotlib's YlGnBu (the shared default) looked up independently at 0.15 and 0.95.
Rank ties are worked by hand in the test.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from shapely.geometry import Point

import jregion
from jregion._palette import LISA_COLORS, MISSING_COLOR
from jregion.autocorrelation._labels import LISA_LABELS
from jregion.classification import NonNumericError, classify
from jregion.explore import UnvendoredAssetError
from jregion.explore._escape import escape_html, js_literal

PAYLOAD = "<script>alert(1)</script> `${alert(2)}` <img src=x onerror=alert(3)>"
ASSETS = Path(jregion.__file__).parent / "_assets"


# --- helpers -------------------------------------------------------------------------------


def layers(m: Any) -> list[Any]:
    return [c for c in m._children.values() if c._name == "JRegionGeoJson"]


def features(layer: Any) -> dict[str, dict[str, Any]]:
    data = json.loads(layer.data_js)
    return {f["id"]: f for f in data["features"]}


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment: tags to line breaks, entities decoded."""
    return html.unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", fragment)))


@pytest.fixture(scope="module")
def area_gdf(prefs_web: gpd.GeoDataFrame, gsi_area: pd.Series) -> gpd.GeoDataFrame:
    return prefs_web.assign(area=gsi_area.reindex(prefs_web.index))


@pytest.fixture(scope="module")
def area_map(area_gdf: gpd.GeoDataFrame) -> Any:
    return jregion.explore_choropleth(area_gdf, "area", units="km²", k=5, label="Area")


# --- escaping ------------------------------------------------------------------------------


def test_escape_html_hand_examples() -> None:
    assert escape_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape_html("`${x}`") == "&#96;&#36;{x}&#96;"
    assert escape_html("a\\b \"q\" 'q' &") == "a&#92;b &quot;q&quot; &#x27;q&#x27; &amp;"
    assert escape_html("東京都") == "東京都"
    assert escape_html(12.5) == "12.5"


@given(st.text())
def test_escape_html_is_inert_and_reversible(text: str) -> None:
    out = escape_html(text)
    assert not set(out) & set("<>\"'`$\\")
    assert html.unescape(out) == text


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda kids: st.lists(kids) | st.dictionaries(st.text(), kids),
        max_leaves=8,
    )
)
def test_js_literal_round_trips_and_cannot_close_a_script(value: Any) -> None:
    out = js_literal(value)
    assert json.loads(out) == value
    assert not set(out) & set("<>&'\u2028\u2029")


# --- choropleth ----------------------------------------------------------------------------


def test_choropleth_tooltips_show_names_value_units_rank(area_map: Any) -> None:
    (layer,) = layers(area_map)
    feats = features(layer)
    assert len(feats) == 47
    tokyo = text_of(feats["13"]["properties"]["tooltip"])
    assert tokyo == "Tokyo 東京都\nArea: 2,194.1 km²\nRank 45 of 47"
    assert text_of(feats["01"]["properties"]["tooltip"]).endswith(
        "Area: 83,424.4 km²\nRank 1 of 47"
    )
    assert text_of(feats["27"]["properties"]["tooltip"]).endswith("Rank 46 of 47")
    assert text_of(feats["37"]["properties"]["tooltip"]).startswith("Kagawa 香川県")
    assert text_of(feats["37"]["properties"]["tooltip"]).endswith("Rank 47 of 47")


def test_web_and_paper_maps_of_one_column_agree(area_gdf: gpd.GeoDataFrame, area_map: Any) -> None:
    """The same column gives every prefecture the same fill on the Folium and matplotlib maps."""
    from jregion.plotting import plot_choropleth

    (layer,) = layers(area_map)
    web = {str(k): f["properties"]["style"]["fillColor"] for k, f in features(layer).items()}
    fig, ax = plot_choropleth(area_gdf, "area", k=5, inset=False)
    (fills,) = [c for c in ax.collections if c.get_gid() == "fills"]
    paper = dict(
        zip(area_gdf.index.astype(str), (to_hex(c) for c in fills.get_facecolors()), strict=True)
    )
    matplotlib.pyplot.close(fig)
    assert web == paper


def test_choropleth_colours_and_legend_follow_the_shared_classification(
    area_gdf: gpd.GeoDataFrame, area_map: Any
) -> None:
    classes = classify(area_gdf["area"], k=5)
    (layer,) = layers(area_map)
    fills = {k: f["properties"]["style"]["fillColor"] for k, f in features(layer).items()}
    by_class: dict[int, set[str]] = {}
    for code, cls in classes.yb.items():
        by_class.setdefault(int(cls), set()).add(fills[str(code)])
    assert all(len(colors) == 1 for colors in by_class.values())
    # the shared rule: YlGnBu at 0.15 (smallest class) and 0.95 (Hokkaido's, the darkest)
    ramp = matplotlib.colormaps["YlGnBu"]
    assert by_class[0] == {to_hex(ramp(0.15))}
    assert by_class[4] == {to_hex(ramp(0.95))}
    assert fills["01"] == to_hex(ramp(0.95))
    page = area_map.get_root().render()
    legend = json.loads(re.search(r"div\.innerHTML = (\".*?\");\n", page)[1])
    rows = [text_of(r) for r in re.findall(r"<div class=\"jregion-legend-row\">.*?</div>", legend)]
    assert rows == [
        f"{lab} ({n})" for lab, n in zip(classes.legend_labels, classes.counts, strict=True)
    ]
    assert "Area (km²)" in text_of(legend)


def test_missing_values_styled_labelled_and_not_ranked(area_gdf: gpd.GeoDataFrame) -> None:
    gdf = area_gdf.copy()
    gdf.loc[["05", "06"], "area"] = np.nan
    m = jregion.explore_choropleth(gdf, "area", units="km²", k=5)
    feats = features(layers(m)[0])
    style = feats["05"]["properties"]["style"]
    assert style["fillColor"] == MISSING_COLOR and style["dashArray"] == "3"
    # the default label is the readable column name ("area" -> "Area")
    assert text_of(feats["06"]["properties"]["tooltip"]) == "Yamagata 山形県\nArea: No data"
    # Tokyo is 45th of the 47 by area; Akita and Yamagata are both larger, so 43rd of 45.
    assert text_of(feats["13"]["properties"]["tooltip"]).endswith("Rank 43 of 45")
    assert "No data (2)" in text_of(html.unescape(m.get_root().render()))


def test_rank_ties_and_ascending_by_hand(prefs_web: gpd.GeoDataFrame) -> None:
    # Three-way tie at 20: all share the best rank (1 going down, 3 going up).
    five = prefs_web.loc[["11", "12", "13", "14", "15"]].assign(v=[10.0, 20.0, 20.0, 20.0, 5.5])

    def ranks(order: str) -> list[str]:
        m = jregion.explore_choropleth(five, "v", scheme="equal_interval", k=3, rank=order)
        feats = features(layers(m)[0])
        return [text_of(feats[c]["properties"]["tooltip"]).split("\n")[-1] for c in five.index]

    assert ranks("descending") == [f"Rank {r} of 5" for r in (4, 1, 1, 1, 5)]
    assert ranks("ascending") == [f"Rank {r} of 5" for r in (2, 3, 3, 3, 1)]
    # Integers print without decimals, others with `decimals` (default 1).
    m = jregion.explore_choropleth(five, "v", scheme="equal_interval", k=3)
    feats = features(layers(m)[0])
    assert "V: 20\n" in text_of(feats["12"]["properties"]["tooltip"])
    assert "V: 5.5\n" in text_of(feats["15"]["properties"]["tooltip"])


def test_several_indicators_become_layers_with_their_own_legends(
    area_gdf: gpd.GeoDataFrame,
) -> None:
    gdf = area_gdf.assign(code=np.arange(1, 48, dtype=float))
    m = jregion.explore_choropleth(gdf, ["area", "code"], label={"area": "Area"}, k=4)
    first, second = layers(m)
    assert (first.layer_name, first.show) == ("Area", True)
    assert (second.layer_name, second.show) == ("Code", False)
    page = m.get_root().render()
    assert page.count("L.control({position:") == 2
    controls = [c for c in m._children.values() if c._name == "LayerControl"]
    assert len(controls) == 1 and list(m._children.values())[-1] is controls[0]
    assert re.search(r'"Area" : j_region_geo_json_\w+,\s*"Code" : j_region_geo_json_\w+', page)


def test_every_data_text_is_escaped(area_gdf: gpd.GeoDataFrame) -> None:
    gdf = area_gdf.copy()
    gdf.loc["13", "name_en"] = PAYLOAD
    gdf.loc["13", "name_ja"] = PAYLOAD
    m = jregion.explore_choropleth(gdf, "area", label=PAYLOAD, units=PAYLOAD, attribution=PAYLOAD)
    sites = gpd.GeoDataFrame(
        {"s": [PAYLOAD], "n": [PAYLOAD]}, geometry=[Point(139.7, 35.7)], crs="EPSG:4326"
    )
    jregion.explore_points(sites, label="s", fields=["n"], name=PAYLOAD, m=m)
    page = m.get_root().render()
    for raw in ("<script>alert", "<img src=x", "`${alert"):
        assert raw not in page
    # Only Folium's own scripts remain: one <script> block for the map, none from data.
    assert page.count("<script>") == 2
    tokyo = text_of(features(layers(m)[0])["13"]["properties"]["tooltip"])
    assert tokyo.startswith(f"{PAYLOAD} {PAYLOAD}\n{PAYLOAD}: 2,194.1 {PAYLOAD}")


def test_inputs_are_not_mutated(area_gdf: gpd.GeoDataFrame) -> None:
    gdf = area_gdf.copy()
    before = gdf.copy()
    jregion.explore_choropleth(gdf, "area")
    pd.testing.assert_frame_equal(gdf, before)


def test_names_from_prefecture_table_when_columns_absent(area_gdf: gpd.GeoDataFrame) -> None:
    bare = area_gdf[["area", "geometry"]]
    feats = features(layers(jregion.explore_choropleth(bare, "area"))[0])
    assert text_of(feats["28"]["properties"]["tooltip"]).startswith("Hyogo 兵庫県\n")


def test_bad_input_errors(area_gdf: gpd.GeoDataFrame) -> None:
    with pytest.raises(TypeError, match="GeoDataFrame"):
        jregion.explore_choropleth(pd.DataFrame(area_gdf), "area")
    with pytest.raises(ValueError, match=r"\['nope'\] not in gdf"):
        jregion.explore_choropleth(area_gdf, "nope")
    with pytest.raises(NonNumericError, match="name_en"):
        jregion.explore_choropleth(area_gdf, "name_en")
    with pytest.raises(jregion.CRSError):
        jregion.explore_choropleth(area_gdf.set_crs(None, allow_override=True), "area")
    with pytest.raises(jregion.DuplicateKeyError, match="13"):
        jregion.explore_choropleth(pd.concat([area_gdf, area_gdf.loc[["13"]]]), "area")
    holes = area_gdf.copy()
    holes.loc["13", "geometry"] = None
    with pytest.raises(jregion.GeometryError, match="13"):
        jregion.explore_choropleth(holes, "area")
    with pytest.raises(ValueError, match="rank"):
        jregion.explore_choropleth(area_gdf, "area", rank="up")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"folium\.Map"):
        jregion.explore_choropleth(area_gdf, "area", m="map")
    with pytest.raises(ValueError, match="unknown colour map"):
        jregion.explore_choropleth(area_gdf, "area", cmap="NoSuchMap")


def test_reprojects_other_crs(area_gdf: gpd.GeoDataFrame) -> None:
    m = jregion.explore_choropleth(area_gdf.to_crs(jregion.EQUAL_AREA_CRS), "area")
    lon, lat = features(layers(m)[0])["13"]["geometry"]["coordinates"][0][0][0]
    assert 122 < lon < 154 and 20 < lat < 46


# --- points and LISA -----------------------------------------------------------------------


def test_points_layer_added_to_existing_map(area_map: Any) -> None:
    sites = gpd.GeoDataFrame(
        {"site": ["Tsukuba", "Kyoto"], "name_ja": ["筑波", "京都"], "year": [1963, np.nan]},
        geometry=[Point(140.11, 36.08), Point(135.77, 35.01)],
        crs="EPSG:4326",
    )
    m = jregion.explore_points(sites, label="site", fields=["year"], name="Sites", m=area_map)
    assert m is area_map
    pts = features(layers(m)[-1])
    assert text_of(pts["0"]["properties"]["tooltip"]) == "Tsukuba 筑波\nyear: 1,963"
    assert text_of(pts["1"]["properties"]["tooltip"]) == "Kyoto 京都\nyear: –"
    assert [c._name for c in m._children.values()].count("LayerControl") == 1


def test_points_errors(prefs_web: gpd.GeoDataFrame) -> None:
    with pytest.raises(jregion.GeometryError, match="Point"):
        jregion.explore_points(prefs_web)
    sites = gpd.GeoDataFrame({"a": [1]}, geometry=[Point(140, 36)], crs="EPSG:4326")
    with pytest.raises(ValueError, match="nope"):
        jregion.explore_points(sites, fields=["nope"])


def _lisa_result(codes: list[str], clusters: list[str], adjust: str = "none") -> Any:
    from jregion.autocorrelation._results import LocalMoranResult

    idx = pd.Index(codes, name="pref_code")
    n = len(codes)
    z = pd.Series(np.linspace(-1, 1, n), index=idx)
    return LocalMoranResult(
        Ii=pd.Series(np.linspace(0, 2, n), index=idx),
        expected_Ii=z * 0,
        variance_Ii=z * 0 + 1,
        z_Ii=z,
        p_norm=z * 0 + 0.5,
        p_sim=pd.Series(np.full(n, 0.01), index=idx),
        p_adjusted=pd.Series(np.full(n, 0.04), index=idx),
        quadrant=pd.Series(1, index=idx),
        cluster=pd.Series(pd.Categorical(clusters, categories=LISA_LABELS), index=idx),
        values=z,
        lag=z * 0.5,
        alpha=0.05,
        adjust=adjust,
        alternative="two-sided",
        permutations=999,
        seed=1,
        mlvar=True,
    )


def test_lisa_map_colours_counts_and_uncovered_shapes() -> None:
    codes = [c for c in jregion.PREFECTURE_CODES if c != "47"]
    clusters = ["High-High"] * 3 + ["Low-Low"] * 2 + ["Not significant"] * 41
    m = jregion.explore_lisa(_lisa_result(codes, clusters, adjust="fdr"))
    feats = features(layers(m)[0])
    assert feats["01"]["properties"]["style"]["fillColor"] == LISA_COLORS["High-High"]
    assert feats["04"]["properties"]["style"]["fillColor"] == LISA_COLORS["Low-Low"]
    assert feats["47"]["properties"]["style"]["fillColor"] == MISSING_COLOR
    assert (
        text_of(feats["47"]["properties"]["tooltip"])
        == "Okinawa 沖縄県\nCluster: Not in the analysis"
    )
    hokkaido = text_of(feats["01"]["properties"]["tooltip"]).split("\n")
    assert hokkaido[1:4] == [
        "Cluster: High-High",
        "Local Moran's I: 0.000",
        "Pseudo p-value: 0.010",
    ]
    assert hokkaido[4] == "Adjusted p (fdr): 0.040"
    legend = text_of(html.unescape(m.get_root().render()))
    for row in (
        "High-High (3)",
        "Low-Low (2)",
        "Low-High (0)",
        "High-Low (0)",
        "Not significant (41)",
        "Not in the analysis (1)",
        "α = 0.05, FDR-adjusted",
    ):
        assert row in legend


def test_lisa_map_of_real_local_moran_matches_its_clusters() -> None:
    from jregion.autocorrelation import local_moran
    from jregion.weights import build_weights

    graph = build_weights(jregion.load_prefectures(), links="japan")
    pop = jregion.load_indicator("population", year=2015)["population"]
    density = np.log(pop / jregion.load_indicator("area")["area_km2"])
    lisa = local_moran(density, graph, permutations=99, seed=7)
    feats = features(layers(jregion.explore_lisa(lisa))[0])
    assert len(feats) == 47
    for code, cluster in lisa.cluster.items():
        assert feats[str(code)]["properties"]["style"]["fillColor"] == LISA_COLORS[str(cluster)]
        tip = text_of(feats[str(code)]["properties"]["tooltip"])
        assert f"Cluster: {cluster}\nLocal Moran's I: {lisa.Ii[code]:.3f}\n" in tip


def test_lisa_errors() -> None:
    with pytest.raises(TypeError, match="LocalMoranResult"):
        jregion.explore_lisa(object())
    bad = _lisa_result(["01", "99"], ["High-High", "Low-Low"])
    with pytest.raises(jregion.UnmatchedKeyError, match="99"):
        jregion.explore_lisa(bad)


# --- save_html -----------------------------------------------------------------------------


def test_save_html_cdn_under_300_kb_and_inline_self_contained(
    area_map: Any, tmp_path: Path
) -> None:
    cdn = jregion.save_html(area_map, tmp_path / "cdn.html", assets="cdn")
    inline = jregion.save_html(area_map, tmp_path / "inline.html", assets="inline")
    # the default is the offline, self-contained page
    default = jregion.save_html(area_map, tmp_path / "default.html").read_text(encoding="utf-8")
    assert "https://cdn.jsdelivr.net" not in default and 't.version="1.9.4"' in default
    cdn_text, inline_text = (p.read_text(encoding="utf-8") for p in (cdn, inline))
    assert cdn.stat().st_size < 300_000
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js">' in cdn_text
    for tag in ("<script src=", '<link rel="stylesheet"', "sourceMappingURL", "url(images/"):
        assert tag not in inline_text
    assert inline_text.count("url(data:image/png;base64,") == 3
    assert 't.version="1.9.4"' in inline_text
    assert not re.search(
        r"(src|href)=[\"']?(https?:)?//",
        inline_text.replace(
            (ASSETS / "leaflet" / "leaflet.js")
            .read_text(encoding="utf-8")
            .split("\n//# sourceMappingURL")[0],
            "",
        ),
    )
    assert inline.stat().st_size < cdn.stat().st_size + 170_000


def test_save_html_is_byte_stable(area_gdf: gpd.GeoDataFrame, tmp_path: Path) -> None:
    # branca gives every element 16 random bytes as its id, written into the page as variable
    # and element names; save_html numbers them instead, so the same map gives the same file
    maps = [jregion.explore_choropleth(area_gdf, "area", k=5) for _ in range(2)]
    first, second = (jregion.save_html(m, tmp_path / f"m{i}.html") for i, m in enumerate(maps))
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert maps[0]._id not in text and f"map_{0:032x}" not in text
    assert re.search(r"var map_0{31}1 = L\.map\(", text)  # the map is the root's first child
    again = jregion.save_html(maps[0], tmp_path / "again.html")  # the map itself is unchanged
    assert again.read_bytes() == first.read_bytes() and maps[0]._id != f"{1:032x}"


def test_save_html_inline_drops_tiles_without_changing_the_map(
    area_gdf: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    m = jregion.explore_choropleth(area_gdf, "area", tiles="OpenStreetMap")
    inline = jregion.save_html(m, tmp_path / "i.html", assets="inline").read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" not in inline
    kept = jregion.save_html(m, tmp_path / "k.html", assets="inline", tiles="keep")
    assert "tile.openstreetmap.org" in kept.read_text(encoding="utf-8")
    cdn = jregion.save_html(m, tmp_path / "c.html", assets="cdn")
    assert "tile.openstreetmap.org" in cdn.read_text("utf-8")


def test_save_html_inline_refuses_unvendored_resources(tmp_path: Path) -> None:
    import folium

    plain = folium.Map(tiles=None)  # Folium's defaults load jQuery, Bootstrap, Font Awesome
    with pytest.raises(UnvendoredAssetError, match=r"code\.jquery\.com"):
        jregion.save_html(plain, tmp_path / "x.html", assets="inline")
    assert not (tmp_path / "x.html").exists()


def test_save_html_errors(area_map: Any, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"folium\.Map"):
        jregion.save_html("<html>", tmp_path / "x.html")
    with pytest.raises(ValueError, match="assets"):
        jregion.save_html(area_map, tmp_path / "x.html", assets="offline")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="tiles"):
        jregion.save_html(area_map, tmp_path / "x.html", tiles="none")  # type: ignore[arg-type]


def test_vendored_leaflet_matches_its_recorded_hashes() -> None:
    table = (ASSETS / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"\| `(leaflet/[^`]+)` \| `[^`]+` \| `([0-9a-f]{64})` \|", table)
    assert len(rows) == 8
    for rel, digest in rows:
        assert hashlib.sha256((ASSETS / rel).read_bytes()).hexdigest() == digest, rel
    assert jregion.explore.LEAFLET_VERSION in table


# --- optional dependencies -----------------------------------------------------------------


def test_missing_folium_names_the_extra(
    area_gdf: gpd.GeoDataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "folium", None)
    with pytest.raises(jregion.MissingDependencyError, match=r"jregion\[web\]"):
        jregion.explore_choropleth(area_gdf, "area")


def test_import_jregion_does_not_import_folium() -> None:
    code = "import sys, jregion; print(sorted({'folium', 'branca'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- hardening (issue 23) -------------------------------------------------------------------
def test_projected_coordinates_labelled_4326_raise(area_gdf: gpd.GeoDataFrame) -> None:
    # reproduced on main: a blank or absurd map with no error
    metres = area_gdf.to_crs(jregion.EQUAL_AREA_CRS).set_crs("EPSG:4326", allow_override=True)
    with pytest.raises(jregion.CRSError, match=r"labelled EPSG:4326.*look projected"):
        jregion.explore_choropleth(metres, "area")
    pts = gpd.GeoDataFrame(geometry=[Point(500_000.0, 3_900_000.0)], crs="EPSG:4326")
    with pytest.raises(jregion.CRSError, match="look projected"):
        jregion.explore_points(pts)


def test_degrees_labelled_projected_raise(area_gdf: gpd.GeoDataFrame) -> None:
    # reproduced on main: the map showed Japan as a dot near the projection's origin
    degrees = area_gdf.set_crs(jregion.EQUAL_AREA_CRS, allow_override=True)
    with pytest.raises(jregion.CRSError, match=r"look like degrees.*allow_override=True"):
        jregion.explore_choropleth(degrees, "area")
    pts = gpd.GeoDataFrame(geometry=[Point(139.7671, 35.6812)], crs="EPSG:6677")
    with pytest.raises(jregion.CRSError, match="labelled EPSG:6677"):
        jregion.explore_points(pts)


def test_index_values_differing_only_in_type_raise(area_gdf: gpd.GeoDataFrame) -> None:
    # reproduced on main: 1 and "1" shared one feature id and one style
    two = area_gdf.iloc[:2].copy()
    two.index = pd.Index([1, "1"], dtype=object)
    with pytest.raises(jregion.DuplicateKeyError, match=r"differ only in type, \[\[1, '1'\]\]"):
        jregion.explore_choropleth(two, "area", k=2)


def test_integer_column_label_and_decimals(area_gdf: gpd.GeoDataFrame) -> None:
    # reproduced on main: explore_choropleth(gdf, 5) gave "'int' object is not iterable"
    g = area_gdf.rename(columns={"area": 2005})
    m = jregion.explore_choropleth(g, 2005, k=4)  # type: ignore[arg-type]
    assert "Rank 1 of 47" in m.get_root().render()
    with pytest.raises(jregion.PlotOptionError, match=r"column\(s\) \[5\] not in gdf"):
        jregion.explore_choropleth(g, 5)  # type: ignore[arg-type]
    # decimals=-1 raised a raw format error
    with pytest.raises(jregion.OptionError, match="decimals must be an integer >= 0"):
        jregion.explore_choropleth(area_gdf, "area", decimals=-1)
    sites = gpd.GeoDataFrame(geometry=[Point(140.1, 36.1)], crs="EPSG:4326")
    with pytest.raises(jregion.OptionError, match="decimals"):
        jregion.explore_points(sites, decimals=1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "color",
    ["red;background:url(x)", "#12345g", "expression(alert(1))", "notacolour", 5],
)
def test_explore_points_refuses_what_is_not_a_colour(color: object) -> None:
    # reproduced on main: any CSS string went into the page's style
    sites = gpd.GeoDataFrame(geometry=[Point(140.1, 36.1)], crs="EPSG:4326")
    with pytest.raises(jregion.OptionError, match="is not a colour"):
        jregion.explore_points(sites, color=color)  # type: ignore[arg-type]


def test_explore_points_colour_reaches_the_page_as_hex() -> None:
    sites = gpd.GeoDataFrame(geometry=[Point(140.1, 36.1)], crs="EPSG:4326")
    html_text = jregion.explore_points(sites, color="navy").get_root().render()
    assert "#000080" in html_text  # CSS navy
    html_text = jregion.explore_points(sites, color=(1.0, 0.0, 0.0)).get_root().render()
    assert "#ff0000" in html_text


def test_option_errors_are_jregion_errors(area_gdf: gpd.GeoDataFrame) -> None:
    # a missing column, a bad rank or radius raised plain ValueErrors
    with pytest.raises(jregion.PlotOptionError, match=r"column\(s\) \['nope'\] not in gdf"):
        jregion.explore_choropleth(area_gdf, "nope")
    with pytest.raises(jregion.OptionError, match="rank must be"):
        jregion.explore_choropleth(area_gdf, "area", rank="up")  # type: ignore[arg-type]
    sites = gpd.GeoDataFrame(geometry=[Point(140.1, 36.1)], crs="EPSG:4326")
    with pytest.raises(jregion.OptionError, match="radius must be positive"):
        jregion.explore_points(sites, radius=0)
    with pytest.raises(jregion.PlotOptionError, match="not in points"):
        jregion.explore_points(sites, fields=["staff"])


def test_default_labels_and_units_are_readable(prefs_web: gpd.GeoDataFrame) -> None:
    """Layer names and legend titles: the manifest's unit and a readable name, not the column."""
    m_census = jregion.load_indicator("manufacturing", year=2005)
    gdf = prefs_web.copy()
    gdf["persons_employed"] = m_census["persons_employed"].reindex(gdf.index).astype(float)
    gdf["shipments_myen"] = m_census["shipments_myen"].reindex(gdf.index).astype(float)
    m = jregion.explore_choropleth(gdf, ["persons_employed", "shipments_myen"], k=3)
    names = [lay.layer_name for lay in layers(m)]
    assert names == ["Persons employed", "Shipments"]
    html = m.get_root().render()
    # units from the manifest (persons) and from the name's suffix (million yen)
    assert "Persons employed (persons)" in html and "Shipments (million yen)" in html
    m = jregion.explore_choropleth(gdf, "persons_employed", k=3, label="Jobs", units="")
    assert [lay.layer_name for lay in layers(m)] == ["Jobs"]
