"""save_figure: reproducible bytes, Type 42 fonts in PDF, fixed SVG salt; pixel baselines."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import matplotlib
import numpy as np
import pytest
from matplotlib.testing.compare import compare_images

import jregion
from jregion.plotting import PlotOptionError, plot_choropleth, plot_lisa, save_figure

matplotlib.use("Agg")

BASELINE = Path(__file__).parent / "baseline"


@pytest.fixture(scope="module")
def density_map(prefs: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = prefs.copy()
    pop = jregion.load_indicator("population", year=2015)["population"]
    out["density"] = pop / jregion.load_indicator("area")["area_km2"]
    return out


@pytest.mark.parametrize("suffix", ["pdf", "svg", "png", "eps"])
def test_two_saves_are_byte_identical(
    density_map: gpd.GeoDataFrame, tmp_path: Path, suffix: str
) -> None:
    outs = []
    for i in range(2):
        fig, _ = plot_choropleth(density_map, "density", k=4, labels="ja")
        outs.append(save_figure(fig, tmp_path / f"map{i}.{suffix}", dpi=72).read_bytes())
    assert outs[0] == outs[1]
    assert len(outs[0]) > 1000


def test_pdf_embeds_truetype_not_type3(density_map: gpd.GeoDataFrame, tmp_path: Path) -> None:
    fig, _ = plot_choropleth(density_map, "density", k=4, labels="ja")
    pdf = save_figure(fig, tmp_path / "map.pdf").read_bytes()
    assert b"/Type3" not in pdf
    assert b"/FontFile2" in pdf  # embedded TrueType program (Type 42)
    assert re.search(rb"/BaseFont /[A-Z]*\+?IPAexGothic", pdf)
    assert b"CreationDate" not in pdf and b"Producer" not in pdf


def test_pdf_type3_detection_can_fail(density_map: gpd.GeoDataFrame, tmp_path: Path) -> None:
    # matplotlib's default Type 3 output is what the test above must not find
    fig, _ = plot_choropleth(density_map, "density", k=4)
    path = tmp_path / "type3.pdf"
    with matplotlib.rc_context({"pdf.fonttype": 3}):
        fig.savefig(path)
    assert b"/Type3" in path.read_bytes()


def test_svg_has_no_date_and_fixed_ids(density_map: gpd.GeoDataFrame, tmp_path: Path) -> None:
    fig, _ = plot_choropleth(density_map, "density", k=4)
    svg = save_figure(fig, tmp_path / "map.svg").read_text()
    assert "<dc:date>" not in svg
    assert "Matplotlib" not in svg


def test_unknown_format(density_map: gpd.GeoDataFrame, tmp_path: Path) -> None:
    fig, _ = plot_choropleth(density_map, "density", k=4)
    with pytest.raises(PlotOptionError, match=r"use a \.pdf, \.svg, \.png or \.eps"):
        save_figure(fig, tmp_path / "map.tiff")


# --- pixel baselines (two showcase maps; regenerate with JREGION_UPDATE_BASELINE=1) --------


def _check_baseline(fig: object, name: str, tmp_path: Path) -> None:
    import os

    actual = save_figure(fig, tmp_path / name, dpi=80)  # type: ignore[arg-type]
    expected = BASELINE / name
    if os.environ.get("JREGION_UPDATE_BASELINE") == "1":
        expected.write_bytes(actual.read_bytes())
    result = compare_images(str(expected), str(actual), tol=6)
    assert result is None, result


def test_baseline_density_double(density_map: gpd.GeoDataFrame, tmp_path: Path) -> None:
    fig, _ = plot_choropleth(
        density_map,
        "density",
        scheme="fisher_jenks",
        k=5,
        preset="journal-double",
        regions="eight",
        labels="ja",
        legend_title="人口密度 (人/km²)",
    )
    _check_baseline(fig, "density_journal_double.png", tmp_path)


def test_baseline_lisa_grayscale(prefs: gpd.GeoDataFrame, tmp_path: Path) -> None:
    from jregion.autocorrelation import local_moran
    from jregion.weights import build_weights

    pop = jregion.load_indicator("population", year=2015)["population"]
    density = np.log(pop / jregion.load_indicator("area")["area_km2"])
    lisa = local_moran(density, build_weights(prefs, links="japan"), seed=1, permutations=199)
    fig, _ = plot_lisa(lisa, prefs, grayscale=True, regions="eight")
    _check_baseline(fig, "lisa_grayscale.png", tmp_path)
