"""Choropleth maps: drawn artists (colours, legend, inset, scale bar, north arrow), bad input."""

from __future__ import annotations

import io
import math
import sys
import warnings

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import pytest
import shapely
from matplotlib.collections import Collection, LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.font_manager import findfont
from matplotlib.patches import Rectangle
from pyproj import Transformer

import jregion
from jregion.classification import ClassificationError, NonNumericError, classify
from jregion.crs import check_plausible_crs
from jregion.plotting import (
    PlotOptionError,
    PointLayer,
    class_colors,
    plot_choropleth,
    plot_facets,
)
from jregion.plotting._layout import OKINAWA_MASK, get_layout
from jregion.plotting._scalebar import north_angle

matplotlib.use("Agg")

# GRS80 (the ellipsoid of MAP_CRS and JGD2011)
A = 6378137.0
F = 1 / 298.257222101
E2 = F * (2 - F)


@pytest.fixture
def frame(prefs: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = prefs.copy()
    out["code_num"] = out.index.astype(int).astype(float)  # 1..47
    return out


def _by_gid(fig: Figure, gid: str) -> list[object]:
    return list(fig.findobj(lambda a: a.get_gid() == gid))


def _fills(ax: object) -> PathCollection:
    [coll] = [c for c in ax.collections if c.get_gid() == "fills"]  # type: ignore[attr-defined]
    assert isinstance(coll, PathCollection)
    return coll


def _legend_texts(ax: object) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]  # type: ignore[attr-defined]


def test_face_colours_follow_classes(frame: gpd.GeoDataFrame) -> None:
    _fig, ax = plot_choropleth(frame, "code_num", bins=[10, 20, 47])
    faces = [to_hex(c) for c in _fills(ax).get_facecolors()]
    assert len(faces) == 47  # one path per row, in row order
    # YlGnBu sampled at 0.15, 0.55, 0.95 (matplotlib's own colour map, looked up independently)
    ramp = matplotlib.colormaps["YlGnBu"]
    expected = [to_hex(ramp(s)) for s in (0.15, 0.55, 0.95)]
    assert faces[0] == expected[0]  # Hokkaido, 1
    assert faces[12] == expected[1]  # Tokyo, 13
    assert faces[46] == expected[2]  # Okinawa, 47
    assert _legend_texts(ax) == ["1–10 (10)", "11–20 (10)", "21–47 (27)"]
    assert ax.get_legend().get_title().get_text() == "code_num"


def test_missing_values_hatched_with_legend_entry(frame: gpd.GeoDataFrame) -> None:
    frame.loc["13", "code_num"] = np.nan
    before = frame.copy()
    _fig, ax = plot_choropleth(frame, "code_num", bins=[10, 20, 47])
    pd.testing.assert_frame_equal(frame, before)  # input not modified
    assert to_hex(_fills(ax).get_facecolors()[12]) == "#ffffff"
    [hatched] = [c for c in ax.collections if c.get_gid() == "missing"]
    assert isinstance(hatched, Collection)
    assert len(hatched.get_paths()) == 1
    assert hatched.get_hatch() == "////"
    # unmistakable in grayscale too: near-black hatching on white (luminance < 0.15)
    r, g, b, _ = hatched.get_edgecolor()[0]
    assert 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.15
    assert _legend_texts(ax) == ["1–10 (10)", "11–20 (9)", "21–47 (27)", "No data (1)"]


def test_grayscale_ramp(frame: gpd.GeoDataFrame) -> None:
    _fig, ax = plot_choropleth(frame, "code_num", bins=[10, 20, 47], grayscale=True)
    faces = [to_hex(c) for c in _fills(ax).get_facecolors()]
    assert faces[0] == "#e0e0e0"
    assert faces[46] == "#3d3d3d"
    for f in faces:  # every fill is a gray (r == g == b)
        assert f[1:3] == f[3:5] == f[5:7]


def test_default_palette_is_colorblind_safe_colorbrewer() -> None:
    # ColorBrewer marks YlGnBu colour-blind safe; the default must stay a CB-safe ramp
    assert class_colors(3) == [
        to_hex(matplotlib.colormaps["YlGnBu"](s)) for s in (0.15, 0.55, 0.95)
    ]


def test_okinawa_inset_moves_geometry_points_and_labels(frame: gpd.GeoDataFrame) -> None:
    naha = gpd.GeoDataFrame(
        {"name": ["Naha", "Tokyo"]},
        geometry=gpd.points_from_xy([127.681, 139.767], [26.212, 35.681]),
        crs="EPSG:4326",
    )
    fig, ax = plot_choropleth(frame, "code_num", k=3, points=naha, labels="en")
    [box] = _by_gid(fig, "inset-okinawa")
    assert isinstance(box, Rectangle)
    x0, y0 = box.get_x(), box.get_y()
    x1, y1 = x0 + box.get_width(), y0 + box.get_height()
    layout = get_layout(jregion.MAP_CRS)
    # upper-left corner: left edge and top edge of the main map
    mx0, _, _, my1 = layout.main_bounds
    assert (x0, y1) == pytest.approx((mx0, my1))
    # Okinawa's fill lies inside the frame, at the same size (a translation, same scale)
    okinawa = _fills(ax).get_paths()[46].get_extents()
    assert x0 < okinawa.x0 < okinawa.x1 < x1
    assert y0 < okinawa.y0 < okinawa.y1 < y1
    true = frame.to_crs(jregion.MAP_CRS).loc["47"].geometry.bounds
    assert okinawa.width == pytest.approx(true[2] - true[0], rel=1e-9)
    assert okinawa.height == pytest.approx(true[3] - true[1], rel=1e-9)
    # Kagoshima (Amami, Yoron) stays on the main map
    kagoshima = _fills(ax).get_paths()[45].get_extents()
    assert kagoshima.y1 < y0
    # the point at Naha moved with Okinawa; Tokyo's did not
    [pts] = [c for c in ax.collections if c.get_gid() == "points"]
    (nx, ny), (tx, ty) = pts.get_offsets()
    assert x0 < nx < x1 and y0 < ny < y1
    to_map = Transformer.from_crs("EPSG:4326", jregion.MAP_CRS, always_xy=True)
    assert (tx, ty) == pytest.approx(to_map.transform(139.767, 35.681))
    box_ = layout.insets["okinawa"]
    assert (nx, ny) == pytest.approx(
        (
            to_map.transform(127.681, 26.212)[0] + box_.dx,
            to_map.transform(127.681, 26.212)[1] + box_.dy,
        )
    )
    # the label of Okinawa is inside the frame too
    [label] = [t for t in _by_gid(fig, "label") if t.get_text() == "Okinawa"]  # type: ignore[attr-defined]
    lx, ly = label.get_position()  # type: ignore[attr-defined]
    assert x0 < lx < x1 and y0 < ly < y1


def test_okinawa_mask_splits_okinawa_from_kagoshima(prefs: gpd.GeoDataFrame) -> None:
    okinawa = shapely.get_parts(prefs.loc["47"].geometry)
    assert shapely.within(okinawa, OKINAWA_MASK).all()
    kagoshima = shapely.get_parts(prefs.loc["46"].geometry)
    assert not shapely.intersects(kagoshima, OKINAWA_MASK).any()  # Yoron included


def test_no_inset_keeps_true_position(frame: gpd.GeoDataFrame) -> None:
    fig, ax = plot_choropleth(frame, "code_num", k=3, inset=False)
    assert _by_gid(fig, "inset-okinawa") == []
    true = frame.to_crs(jregion.MAP_CRS).loc["47"].geometry.bounds
    ext = _fills(ax).get_paths()[46].get_extents()
    assert (ext.x0, ext.y0) == pytest.approx(true[:2])


def test_ogasawara_inset_lower_right(frame: gpd.GeoDataFrame) -> None:
    fig, ax = plot_choropleth(frame, "code_num", k=3, ogasawara=True)
    [box] = _by_gid(fig, "inset-ogasawara")
    _, my0, mx1, _ = get_layout(jregion.MAP_CRS).main_bounds
    assert isinstance(box, Rectangle)
    assert (box.get_x() + box.get_width(), box.get_y()) == pytest.approx((mx1, my0))
    # Tokyo's path now also has parts inside that frame
    verts = _fills(ax).get_paths()[12].vertices
    inside = (verts[:, 0] > box.get_x()) & (verts[:, 1] < box.get_y() + box.get_height())
    assert inside.any()


def _ground_length(crs: str, x0: float, x1: float, y: float) -> float:
    """Ellipsoidal distance between map points (x0, y) and (x1, y), by the local formula.

    d = sqrt((N cos(phi) dlambda)^2 + (M dphi)^2) with the meridian (M) and prime-vertical (N)
    radii of curvature of GRS80 at the mean latitude: accurate to ~1e-5 over 250 km.
    """
    to_ll = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    (lon0, lon1), (lat0, lat1) = to_ll.transform([x0, x1], [y, y])
    phi = math.radians((lat0 + lat1) / 2)
    w = math.sqrt(1 - E2 * math.sin(phi) ** 2)
    n, m = A / w, A * (1 - E2) / w**3
    return math.hypot(n * math.cos(phi) * math.radians(lon1 - lon0), m * math.radians(lat1 - lat0))


@pytest.mark.parametrize("crs", [jregion.MAP_CRS, "EPSG:3857", jregion.EQUAL_AREA_CRS])
def test_scale_bar_matches_ground_distance(frame: gpd.GeoDataFrame, crs: str) -> None:
    fig, _ax = plot_choropleth(frame, "code_num", k=3, crs=crs)
    [bar] = _by_gid(fig, "scale-bar")
    [label] = _by_gid(fig, "scale-bar-label")
    assert isinstance(bar, Rectangle)
    km = float(label.get_text().removesuffix(" km"))  # type: ignore[attr-defined]
    assert km in (100, 200, 250, 500)
    ground = _ground_length(crs, bar.get_x(), bar.get_x() + bar.get_width(), bar.get_y())
    assert ground == pytest.approx(km * 1000, rel=2e-3)


def test_scale_bar_longer_in_mercator_than_lambert(frame: gpd.GeoDataFrame) -> None:
    # Web Mercator stretches distances by 1/cos(lat), about 1.2 around 35 N
    widths = []
    for crs in (jregion.MAP_CRS, "EPSG:3857"):
        fig, _ = plot_choropleth(frame, "code_num", k=3, crs=crs)
        [bar] = _by_gid(fig, "scale-bar")
        widths.append(bar.get_width())  # type: ignore[attr-defined]
    assert 1.1 < widths[1] / widths[0] < 1.45


def test_north_arrow_follows_meridian_convergence() -> None:
    # Lambert conformal conic: meridians converge by n * (lon - lon0), with the cone
    # constant n from Snyder (1987), eq. 15-8 (ellipsoid), parallels 30 and 40 N.
    e = math.sqrt(E2)

    def m(phi: float) -> float:
        return math.cos(phi) / math.sqrt(1 - E2 * math.sin(phi) ** 2)

    def t(phi: float) -> float:
        return math.tan(math.pi / 4 - phi / 2) / (
            ((1 - e * math.sin(phi)) / (1 + e * math.sin(phi))) ** (e / 2)
        )

    p1, p2 = math.radians(30), math.radians(40)
    n = (math.log(m(p1)) - math.log(m(p2))) / (math.log(t(p1)) - math.log(t(p2)))
    to_map = Transformer.from_crs("EPSG:4326", jregion.MAP_CRS, always_xy=True)
    x, y = to_map.transform(145.0, 43.0)
    assert north_angle(jregion.MAP_CRS, x, y) == pytest.approx(n * 8.0, abs=0.02)
    x, y = to_map.transform(137.0, 36.0)
    assert north_angle(jregion.MAP_CRS, x, y) == pytest.approx(0.0, abs=1e-6)


def test_north_arrow_drawn(frame: gpd.GeoDataFrame) -> None:
    fig, _ = plot_choropleth(frame, "code_num", k=3)
    assert len(_by_gid(fig, "north-arrow")) == 1
    fig, _ = plot_choropleth(frame, "code_num", k=3, north_arrow=False, scale_bar=False)
    assert _by_gid(fig, "north-arrow") == [] and _by_gid(fig, "scale-bar") == []


def test_region_overlay_draws_only_internal_boundaries(frame: gpd.GeoDataFrame) -> None:
    _fig, ax = plot_choropleth(frame, "code_num", k=3, regions="tokaido")
    [coll] = [c for c in ax.collections if c.get_gid() == "region-overlay"]
    assert isinstance(coll, LineCollection)
    segments = coll.get_segments()
    assert segments
    proj = frame.to_crs(jregion.MAP_CRS)
    belt = jregion.scheme_table("tokaido")["region"] == "Tokaido belt"
    inside = shapely.union_all(proj.loc[belt[belt].index].geometry.to_numpy())
    outside = shapely.union_all(proj.loc[belt[~belt].index].geometry.to_numpy())
    pts = shapely.points(np.vstack(segments))
    # every overlay vertex is on the border between the belt and the rest (within 1 m)
    assert shapely.distance(pts, inside).max() < 1.0
    assert shapely.distance(pts, outside).max() < 1.0


def test_labels_japanese_render_without_missing_glyphs(frame: gpd.GeoDataFrame) -> None:
    fig, _ax = plot_choropleth(frame, "code_num", k=3, labels="ja")
    texts = {t.get_text(): t for t in _by_gid(fig, "label")}  # type: ignore[attr-defined]
    assert "北海道" in texts and "岩手県" in texts
    # Tokyo does not fit beside Saitama and Kanagawa at 85 mm: left out and named in the note
    [note] = _by_gid(fig, "labels-omitted")
    assert "東京都" in note.get_text().replace("\n", "")  # type: ignore[attr-defined]
    font_file = findfont(texts["北海道"].get_fontproperties())  # type: ignore[attr-defined]
    assert font_file.endswith("ipaexg.ttf")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png", dpi=50)
    assert not [w for w in caught if "missing from" in str(w.message).lower()]
    [attribution] = _by_gid(fig, "attribution")
    assert attribution.get_text() == jregion.attribution(lang="ja")  # type: ignore[attr-defined]


def test_glyph_check_would_catch_tofu() -> None:
    # the check above is able to fail: DejaVu Sans alone has no kanji
    fig = Figure()
    fig.text(0.5, 0.5, "東京都", family="DejaVu Sans")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png", dpi=50)
    assert [w for w in caught if "missing from" in str(w.message).lower()]


def test_labels_english_and_attribution_default(frame: gpd.GeoDataFrame) -> None:
    fig, _ax = plot_choropleth(frame, "code_num", k=3, labels="en")
    assert "Hokkaido" in {t.get_text() for t in _by_gid(fig, "label")}  # type: ignore[attr-defined]
    [attribution] = _by_gid(fig, "attribution")
    assert "MLIT" in attribution.get_text()  # type: ignore[attr-defined]
    fig, _ = plot_choropleth(frame, "code_num", k=3, attribution=False)
    assert _by_gid(fig, "attribution") == []


def test_proportional_points_and_categories(frame: gpd.GeoDataFrame) -> None:
    pts = gpd.GeoDataFrame(
        {"staff": [100.0, 400.0], "kind": ["national", "private"]},
        geometry=gpd.points_from_xy([139.7, 135.5], [35.7, 34.7]),
        crs="EPSG:4326",
    )
    layer = PointLayer(pts, size="staff", color="kind", max_size=80.0)
    _fig, ax = plot_choropleth(frame, "code_num", k=3, points=layer)
    [coll] = [c for c in ax.collections if c.get_gid() == "points"]
    assert coll.get_sizes().tolist() == [20.0, 80.0]  # area proportional to the value
    assert [to_hex(c) for c in coll.get_facecolors()] == ["#e69f00", "#56b4e9"]
    assert _legend_texts(ax)[-2:] == ["national", "private"]


@pytest.mark.parametrize(
    ("preset", "width_mm"), [("journal-single", 85), ("journal-double", 170), ("slide", 254)]
)
def test_presets_set_figure_width(frame: gpd.GeoDataFrame, preset: str, width_mm: float) -> None:
    fig, _ = plot_choropleth(frame, "code_num", k=3, preset=preset)  # type: ignore[arg-type]
    assert fig.get_size_inches()[0] * 25.4 == pytest.approx(width_mm)


def test_bins_from_shares_classes(frame: gpd.GeoDataFrame) -> None:
    frame["later"] = frame["code_num"] * 2
    _fig1, ax1 = plot_choropleth(frame, "code_num", k=4, bins_from=frame[["code_num", "later"]])
    _fig2, ax2 = plot_choropleth(frame, "later", k=4, bins_from=frame[["code_num", "later"]])
    shared = classify(pd.concat([frame["code_num"], frame["later"]]), k=4)
    labels1 = [t.rsplit(" (", 1)[0] for t in _legend_texts(ax1)]
    labels2 = [t.rsplit(" (", 1)[0] for t in _legend_texts(ax2)]
    assert labels1 == labels2 == list(shared.legend_labels)
    # 47 * 2 = 94 is the pooled maximum: Okinawa is in the top class in 'later' only
    palette = class_colors(4)
    assert to_hex(_fills(ax2).get_facecolors()[46]) == palette[3]
    assert to_hex(_fills(ax1).get_facecolors()[46]) != palette[3]
    # a Classification can be passed directly
    _fig3, ax3 = plot_choropleth(frame, "code_num", bins_from=shared)
    assert [t.rsplit(" (", 1)[0] for t in _legend_texts(ax3)] == list(shared.legend_labels)


def test_facets_share_one_legend(frame: gpd.GeoDataFrame) -> None:
    frame["later"] = frame["code_num"] * 2
    fig, axes = plot_facets(frame, ["code_num", "later"], k=3, titles=["1990", "2005"])
    assert [a.get_title() for a in axes] == ["1990", "2005"]
    shared = classify(pd.concat([frame["code_num"], frame["later"]]), k=3)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == list(shared.legend_labels)
    palette = class_colors(3)
    assert to_hex(_fills(axes[1]).get_facecolors()[46]) == palette[2]


# --- bad input -------------------------------------------------------------------------


def test_non_numeric_column(frame: gpd.GeoDataFrame) -> None:
    with pytest.raises(NonNumericError, match="name_en"):
        plot_choropleth(frame, "name_en")


def test_all_nan_column(frame: gpd.GeoDataFrame) -> None:
    frame["empty"] = np.nan
    with pytest.raises(jregion.MissingValueError, match="all 47 values are missing"):
        plot_choropleth(frame, "empty")


def test_more_classes_than_unique_values(frame: gpd.GeoDataFrame) -> None:
    frame["two"] = (frame["code_num"] > 20).astype(float)
    with pytest.raises(ClassificationError, match="only 2 distinct values"):
        plot_choropleth(frame, "two", scheme="fisher_jenks_sampled", k=5)


def test_unknown_preset(frame: gpd.GeoDataFrame) -> None:
    with pytest.raises(PlotOptionError, match=r"unknown preset 'a4'.*journal-single"):
        plot_choropleth(frame, "code_num", preset="a4")  # type: ignore[arg-type]


def test_missing_column_and_not_a_geodataframe(frame: gpd.GeoDataFrame) -> None:
    with pytest.raises(PlotOptionError, match="column 'gdp' not found"):
        plot_choropleth(frame, "gdp")
    with pytest.raises(TypeError, match="expected a GeoDataFrame, got DataFrame"):
        plot_choropleth(pd.DataFrame(frame.drop(columns="geometry")), "code_num")  # type: ignore[arg-type]
    with pytest.raises(jregion.CRSError, match="no CRS"):
        plot_choropleth(frame.set_crs(None, allow_override=True), "code_num")


def test_unknown_colour_map(frame: gpd.GeoDataFrame) -> None:
    with pytest.raises(PlotOptionError, match="unknown colour map 'nope'"):
        plot_choropleth(frame, "code_num", cmap="nope")


# --- optional dependencies ------------------------------------------------------------


def test_missing_matplotlib_names_extra(
    frame: gpd.GeoDataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(jregion.MissingDependencyError, match=r"jregion\[maps\]"):
        plot_choropleth(frame, "code_num", k=3)


def test_missing_fontja_names_extra(
    frame: gpd.GeoDataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib_fontja", None)
    with pytest.raises(jregion.MissingDependencyError, match=r"matplotlib_fontja.*jregion\[maps\]"):
        plot_choropleth(frame, "code_num", k=3)


def test_missing_mapclassify_names_extra(
    frame: gpd.GeoDataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "mapclassify", None)
    with pytest.raises(jregion.MissingDependencyError, match=r"mapclassify.*jregion\[maps\]"):
        plot_choropleth(frame, "code_num", k=3)


def test_draws_into_given_axes_and_regions_layer(frame: gpd.GeoDataFrame) -> None:
    fig = Figure(figsize=(4, 4))
    ax = fig.add_subplot()
    regions = jregion.load_regions("eight")
    out_fig, out_ax = plot_choropleth(frame, "code_num", k=3, ax=ax, regions=regions)
    assert out_fig is fig and out_ax is ax
    assert [c.get_gid() for c in ax.collections if c.get_gid() == "region-overlay"]


def test_labels_need_names(frame: gpd.GeoDataFrame) -> None:
    other = frame.drop(columns=["name_en", "name_ja"]).reset_index(drop=True)
    with pytest.raises(PlotOptionError, match="cannot find 'en' names"):
        plot_choropleth(other, "code_num", k=3, labels="en")


# --- hardening (issue 23) -------------------------------------------------------------------
def test_none_geometry_raises_a_geometry_error(frame: gpd.GeoDataFrame) -> None:
    # reproduced on main: "zip() argument 2 is shorter than argument 1"
    bad = frame.copy()
    bad.loc["13", "geometry"] = None
    with pytest.raises(jregion.GeometryError, match=r"1 row\(s\) have no geometry.*\['13'\]"):
        plot_choropleth(bad, "code_num", k=3)


def test_mislabelled_crs_raises_a_crs_error(frame: gpd.GeoDataFrame) -> None:
    # reproduced on main: "Axis limits cannot be NaN or Inf"
    metres = frame.to_crs(jregion.EQUAL_AREA_CRS).set_crs("EPSG:4326", allow_override=True)
    with pytest.raises(jregion.CRSError, match="look projected"):
        plot_choropleth(metres, "code_num", k=3)


def test_degrees_labelled_projected_raise_a_crs_error(frame: gpd.GeoDataFrame) -> None:
    # reproduced on main: a map of Japan squeezed into 35 by 25 metres, no error
    degrees = frame.set_crs("EPSG:6677", allow_override=True)
    with pytest.raises(
        jregion.CRSError, match=r"labelled EPSG:6677 .*look like degrees.*EPSG:4326"
    ):
        plot_choropleth(degrees, "code_num", k=3)
    # in kilometres the same window is a real study area 120-155 km east and 20-47 km north
    # of the origin (here near 138.5 E, 35.3 N): no error
    km = "+proj=laea +lat_0=35 +lon_0=137 +units=km +ellps=GRS80"
    area = gpd.GeoDataFrame(geometry=[shapely.box(121, 21, 154, 46)], crs=km)
    check_plausible_crs(area)
    centre = area.geometry.centroid.to_crs("EPSG:4326").iloc[0]
    assert (round(centre.x, 1), round(centre.y, 1)) == (138.5, 35.3)


@pytest.mark.parametrize("where", ["title", "legend_title"])
def test_bad_mathtext_raises_a_plot_option_error(frame: gpd.GeoDataFrame, where: str) -> None:
    # reproduced on main: matplotlib's ParseSyntaxException at draw time
    with pytest.raises(jregion.PlotOptionError, match=r"not valid matplotlib mathtext.*\\\$"):
        plot_choropleth(frame, "code_num", k=3, **{where: r"Shipments $\frac{1}{$ yen"})
    # a plain dollar sign and valid mathtext still work
    plot_choropleth(frame, "code_num", k=3, **{where: r"$10^6$ yen"})
    plot_choropleth(frame, "code_num", k=3, **{where: "US$ 5"})


def test_bad_mathtext_in_facet_titles_raises(frame: gpd.GeoDataFrame) -> None:
    frame = frame.assign(b=frame["code_num"])
    with pytest.raises(jregion.PlotOptionError, match="panel title"):
        plot_facets(frame, ["code_num", "b"], k=3, titles=["ok", r"$\frac{$"])


@pytest.mark.parametrize("bad", [np.inf, np.nan, -1.0])
def test_point_sizes_must_be_finite(frame: gpd.GeoDataFrame, bad: float) -> None:
    # an infinite size made every other marker vanish (size / inf = 0) without an error
    pts = gpd.GeoDataFrame(
        {"staff": [10.0, bad]},
        geometry=gpd.points_from_xy([139.7, 135.5], [35.7, 34.7]),
        crs="EPSG:4326",
    )
    with pytest.raises(jregion.PlotOptionError, match="non-negative finite numbers"):
        plot_choropleth(frame, "code_num", k=3, points=PointLayer(pts, size="staff"))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_labels_do_not_overlap_and_are_legible(frame: gpd.GeoDataFrame, lang: str) -> None:
    """Every label drawn is at least 6 pt; no two overlap; each left out is named in the note."""
    fig, _ax = plot_choropleth(frame, "code_num", k=3, labels=lang)  # type: ignore[arg-type]
    texts = _by_gid(fig, "label")
    fig.draw_without_rendering()
    boxes = [t.get_window_extent() for t in texts]  # type: ignore[attr-defined]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    assert min(t.get_fontsize() for t in texts) >= 6.0  # type: ignore[attr-defined]
    names = set(jregion.prefecture_table()[f"name_{lang}"])
    shown = {t.get_text() for t in texts}  # type: ignore[attr-defined]
    [note] = _by_gid(fig, "labels-omitted")
    text = note.get_text().replace("\n", " ")  # type: ignore[attr-defined]
    left_out = set(text.split(": ", 1)[1].split(", "))
    assert shown | left_out == names and not shown & left_out


def test_coincident_points_are_spread_with_leaders(frame: gpd.GeoDataFrame) -> None:
    """Two sites at one location: both markers visible, each joined to the true point."""
    from shapely.geometry import Point

    pts = gpd.GeoDataFrame({"kind": ["a", "b"]}, geometry=[Point(139.69, 35.69)] * 2,
                           crs="EPSG:4326")
    _fig, ax = plot_choropleth(frame, "code_num", k=3, points=PointLayer(pts, color="kind"))
    [coll] = [c for c in ax.collections if c.get_gid() == "points"]
    (x0, y0), (x1, y1) = coll.get_offsets()
    assert (x0, y0) != (x1, y1)
    [leaders] = [c for c in ax.collections if c.get_gid() == "point-leaders"]
    ends = {tuple(np.round(seg[0], 3)) for seg in leaders.get_segments()}
    assert len(ends) == 1  # both leaders start at the one true location
    _fig, ax = plot_choropleth(
        frame, "code_num", k=3, points=PointLayer(pts, color="kind", coincident="overlap")
    )
    [coll] = [c for c in ax.collections if c.get_gid() == "points"]
    (x0, y0), (x1, y1) = coll.get_offsets()
    assert (x0, y0) == (x1, y1)
    assert not [c for c in ax.collections if c.get_gid() == "point-leaders"]


def test_remote_islands_left_out_are_named_on_the_figure(frame: gpd.GeoDataFrame) -> None:
    """Nothing is dropped silently: what the map does not draw is said at its foot, >= 6 pt."""
    fig, _ax = plot_choropleth(frame, "code_num", k=3)
    [note] = _by_gid(fig, "islands-omitted")
    assert "Ogasawara" in note.get_text() and note.get_fontsize() >= 6.0  # type: ignore[attr-defined]
    fig, ax = plot_choropleth(frame, "code_num", k=3, ogasawara=True)
    assert [p for p in ax.patches if p.get_gid() == "inset-ogasawara"]
    [note] = _by_gid(fig, "islands-omitted")
    assert "Okinotorishima" in note.get_text()  # type: ignore[attr-defined]
    # the notes sit at the figure's foot, below the map
    fig.draw_without_rendering()
    box = note.get_window_extent().transformed(fig.transFigure.inverted())  # type: ignore[attr-defined]
    assert box.y1 <= ax.get_position().y0 + 1e-6
