"""LISA maps, Moran scatter plots and Lorenz curves: what is drawn equals what the result holds."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import jregion
from jregion._palette import LISA_COLORS
from jregion.autocorrelation import local_moran, moran
from jregion.autocorrelation._labels import LISA_LABELS
from jregion.plotting import PlotOptionError, plot_lisa, plot_lorenz, plot_moran_scatter
from jregion.weights import build_weights

matplotlib.use("Agg")


@dataclass(frozen=True)
class StandInLocal:
    """The contract's LocalMoranResult attributes that plot_lisa reads."""

    cluster: pd.Series


@pytest.fixture(scope="module")
def density(prefs: gpd.GeoDataFrame) -> pd.Series:
    pop = jregion.load_indicator("population", year=2015)["population"]
    out: pd.Series = np.log(pop / jregion.load_indicator("area")["area_km2"])
    return out.reindex(prefs.index)


def _fills(ax: object) -> list[str]:
    [coll] = [c for c in ax.collections if c.get_gid() == "fills"]  # type: ignore[attr-defined]
    return [to_hex(c) for c in coll.get_facecolors()]


def test_plot_lisa_stand_in_colours_and_legend(prefs: gpd.GeoDataFrame) -> None:
    labels = ["Not significant"] * 47
    labels[12], labels[13], labels[1], labels[10] = "High-High", "High-High", "Low-Low", "Low-High"
    cluster = pd.Series(pd.Categorical(labels, categories=LISA_LABELS), index=prefs.index)
    _fig, ax = plot_lisa(StandInLocal(cluster), prefs)
    faces = _fills(ax)
    assert faces[12] == faces[13] == LISA_COLORS["High-High"] == "#d7191c"
    assert faces[1] == LISA_COLORS["Low-Low"]
    assert faces[10] == LISA_COLORS["Low-High"]
    assert faces[0] == LISA_COLORS["Not significant"]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == [
        "High-High (2)",
        "Low-Low (1)",
        "Low-High (1)",
        "High-Low (0)",
        "Not significant (43)",
    ]


def test_plot_lisa_shuffled_index_aligns(prefs: gpd.GeoDataFrame) -> None:
    labels = ["Not significant"] * 47
    labels[12] = "High-High"
    cluster = pd.Series(pd.Categorical(labels, categories=LISA_LABELS), index=prefs.index)
    _fig, ax = plot_lisa(StandInLocal(cluster.iloc[::-1]), prefs)
    assert _fills(ax)[12] == LISA_COLORS["High-High"]


def test_plot_lisa_real_result(prefs: gpd.GeoDataFrame, density: pd.Series) -> None:
    lisa = local_moran(density, build_weights(prefs, links="japan"), seed=1, permutations=99)
    _fig, ax = plot_lisa(lisa, prefs, grayscale=True)
    frame = lisa.to_frame()
    gray = {"High-High": "#262626", "Not significant": "#ffffff"}
    for code, lab in frame["cluster"].items():
        if lab in gray:
            assert _fills(ax)[prefs.index.get_loc(code)] == gray[str(lab)]


def test_plot_lisa_bad_input(prefs: gpd.GeoDataFrame) -> None:
    cluster = pd.Series(["Hot"] * 47, index=prefs.index)
    with pytest.raises(PlotOptionError, match="unknown cluster labels"):
        plot_lisa(StandInLocal(cluster), prefs)
    other = pd.Series(["High-High"] * 3, index=["01", "02", "99"])
    with pytest.raises(PlotOptionError, match="different index values"):
        plot_lisa(StandInLocal(other), prefs)


@dataclass(frozen=True)
class StandInMoran:
    I: float  # noqa: E741
    p_sim: float
    values: pd.Series
    lag: pd.Series


def test_moran_scatter_draws_result() -> None:
    idx = pd.Index(["01", "02", "03"], name="pref_code")
    res = StandInMoran(
        0.5, 0.01, pd.Series([-1.0, 0.0, 1.0], idx), pd.Series([-0.4, 0.1, 0.6], idx)
    )
    _fig, ax = plot_moran_scatter(res, names=pd.Series({"03": "Iwate"}))
    [pts] = [c for c in ax.collections if c.get_gid() == "moran-points"]
    np.testing.assert_array_equal(pts.get_offsets(), [[-1.0, -0.4], [0.0, 0.1], [1.0, 0.6]])
    [line] = [ln for ln in ax.lines if ln.get_gid() == "moran-line"]
    x, y = line.get_xdata(), line.get_ydata()
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(0.5)
    assert ax.get_title() == "Moran's I = 0.500 (p = 0.010)"
    assert [t.get_text() for t in ax.texts] == ["Iwate"]


def test_moran_scatter_real_result(prefs: gpd.GeoDataFrame, density: pd.Series) -> None:
    res = moran(density, build_weights(prefs, links="japan"), seed=1, permutations=99)
    _fig, ax = plot_moran_scatter(res)
    [line] = [ln for ln in ax.lines if ln.get_gid() == "moran-line"]
    x, y = line.get_xdata(), line.get_ydata()
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(res.I)
    [pts] = [c for c in ax.collections if c.get_gid() == "moran-points"]
    assert len(pts.get_offsets()) == 47


def test_plot_lorenz_real_curve() -> None:
    lc = jregion.lorenz_curve(
        jregion.load_indicator("manufacturing", year=2005)["persons_employed"]
    )
    _fig, ax = plot_lorenz(lc, label="Jobs")
    [line] = [ln for ln in ax.lines if ln.get_gid() == "lorenz"]
    np.testing.assert_array_equal(line.get_xdata(), lc.population_share)
    np.testing.assert_array_equal(line.get_ydata(), lc.activity_share)
    assert ax.get_legend().get_texts()[0].get_text() == f"Jobs (Gini {lc.gini:.3f})"
    assert [ln.get_gid() for ln in ax.lines] == ["equality", "lorenz"]


def test_plot_lorenz_bad_arrays() -> None:
    @dataclass(frozen=True)
    class Bad:
        population_share: np.ndarray
        activity_share: np.ndarray
        gini: float

    with pytest.raises(PlotOptionError, match="equal-length"):
        plot_lorenz(Bad(np.array([0.0, 1.0]), np.array([0.0, 0.5, 1.0]), 0.1))
