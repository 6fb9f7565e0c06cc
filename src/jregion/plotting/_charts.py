"""LISA cluster maps, Moran scatter plots and Lorenz curves.

These draw what the analysis functions return (``LocalMoranResult``,
``MoranResult``, ``LorenzCurve``) and compute no statistics: the slope of the
Moran line is the result's ``I``, the Gini in the legend is the result's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

import geopandas as gpd
import numpy as np
import pandas as pd

from jregion._palette import LISA_COLORS, MISSING_COLOR
from jregion.autocorrelation._labels import LISA_LABELS
from jregion.crs import MAP_CRS
from jregion.plotting._base import (
    Labels,
    MapOptions,
    add_attribution,
    attribution_text,
    check_frame,
    crs_key,
    decorate,
    draw_map,
    new_figure,
    place_legend,
    set_map_title,
)
from jregion.plotting._styles import PlotOptionError, Preset, PresetName, get_preset, style_context

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_lisa", "plot_lorenz", "plot_moran_scatter"]

#: Grayscale LISA fills (same order as LISA_LABELS): dark for High-High, light for Low-Low.
LISA_GRAYS: dict[str, str] = {
    "High-High": "#262626",
    "Low-Low": "#a6a6a6",
    "Low-High": "#d9d9d9",
    "High-Low": "#595959",
    "Not significant": "#ffffff",
}


class LocalMoranLike(Protocol):
    """What :func:`plot_lisa` reads from a ``LocalMoranResult``."""

    @property
    def cluster(self) -> pd.Series: ...


class MoranLike(Protocol):
    """What :func:`plot_moran_scatter` reads from a ``MoranResult``."""

    @property
    def I(self) -> float: ...  # noqa: E743, N802

    @property
    def p_sim(self) -> float: ...

    @property
    def values(self) -> pd.Series: ...

    @property
    def lag(self) -> pd.Series: ...


class LorenzLike(Protocol):
    """What :func:`plot_lorenz` reads from a ``LorenzCurve``."""

    @property
    def population_share(self) -> np.ndarray[Any, Any]: ...

    @property
    def activity_share(self) -> np.ndarray[Any, Any]: ...

    @property
    def gini(self) -> float: ...


def plot_lisa(
    result: LocalMoranLike,
    gdf: gpd.GeoDataFrame,
    *,
    grayscale: bool = False,
    preset: PresetName | Preset = "journal-single",
    crs: Any = MAP_CRS,
    inset: bool = True,
    ogasawara: bool = False,
    regions: str | Mapping[object, str] | gpd.GeoDataFrame | None = None,
    labels: Labels = None,
    title: str | None = None,
    attribution: bool | str = True,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Map LISA clusters with the fixed colours and order of ``jregion._palette``.

    Parameters
    ----------
    result : LocalMoranResult
        From :func:`jregion.autocorrelation.local_moran`; its ``cluster``
        Series (categories ``LISA_LABELS``) is indexed like ``gdf``.
    gdf : geopandas.GeoDataFrame
        The polygons the statistic was computed on.
    grayscale : bool, default False
        Gray fills for black-and-white print.
    preset, crs, inset, ogasawara, regions, labels, title, attribution, ax
        As in :func:`plot_choropleth`.

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        Fills (``gid="fills"``) in row order of ``gdf``; legend entries in
        ``LISA_LABELS`` order with counts.

    Raises
    ------
    PlotOptionError
        If the result's index does not match ``gdf``'s, or a cluster label is unknown.

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.autocorrelation import local_moran
    >>> from jregion.weights import build_weights
    >>> from jregion.plotting import plot_lisa
    >>> prefs = jregion.load_prefectures()
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> density = np.log(pop / jregion.load_indicator("area")["area_km2"])
    >>> lisa = local_moran(density, build_weights(prefs, links="japan"), seed=1)
    >>> fig, ax = plot_lisa(lisa, prefs)
    >>> [t.get_text() for t in ax.get_legend().get_texts()][0].startswith("High-High")
    True
    """
    check_frame(gdf)
    cluster = result.cluster
    if not cluster.index.equals(gdf.index):
        if set(cluster.index) != set(gdf.index):
            raise PlotOptionError(
                "the LISA result and the GeoDataFrame have different index values; "
                "pass the GeoDataFrame the statistic was computed on"
            )
        cluster = cluster.reindex(gdf.index)
    unknown = set(cluster.dropna().astype(str)) - set(LISA_LABELS)
    if unknown:
        raise PlotOptionError(f"unknown cluster labels {sorted(unknown)}; expected {LISA_LABELS}")
    palette = LISA_GRAYS if grayscale else LISA_COLORS
    p = get_preset(preset)
    with style_context(p):
        labels_ = cluster.astype(object).to_numpy()
        colors = [palette[str(c)] if c in palette else MISSING_COLOR for c in labels_]
        missing = pd.isna(cluster).to_numpy()
        opts = MapOptions(crs=crs_key(crs), inset=inset, ogasawara=ogasawara, regions=regions,
                          points=None, labels=labels, preset=p)
        own_figure = ax is None
        if ax is None:
            fig, axes = new_figure(p)
            ax = axes[0]
        else:
            fig = ax.get_figure()  # type: ignore[assignment]
        draw_map(ax, gdf, colors, missing, opts)
        from matplotlib.patches import Patch

        counts = pd.Series(labels_).value_counts()
        handles: list[tuple[Any, str]] = [
            (
                Patch(facecolor=palette[lab], edgecolor="#404040", lw=0.4),
                f"{lab} ({int(counts.get(lab, 0))})",
            )
            for lab in LISA_LABELS
        ]
        place_legend(ax, handles, "LISA cluster", ogasawara=ogasawara)
        decorate(ax, opts, scale_bar=True, north_arrow=True)
        set_map_title(fig, ax, title, own_figure=own_figure)
        add_attribution(fig, attribution_text(attribution, labels))
    return fig, ax


def plot_moran_scatter(
    result: MoranLike,
    *,
    preset: PresetName | Preset = "journal-single",
    names: pd.Series | None = None,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Moran scatter plot: standardised values against their spatial lag.

    The line through the origin has slope ``result.I`` (for a row-standardised
    graph this is the least-squares slope of lag on value).

    Parameters
    ----------
    result : MoranResult
        From :func:`jregion.autocorrelation.moran`; reads ``I``, ``p_sim``,
        ``values`` and ``lag``.
    preset : str or Preset, default "journal-single"
        Figure size (square panel of the preset's width).
    names : pandas.Series, optional
        Labels for some points (index matching ``values``), e.g. ``{"13": "Tokyo"}``.
    ax : matplotlib.axes.Axes, optional
        Draw into this axes.

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        Points are the collection with ``gid="moran-points"``, the line is the
        ``Line2D`` with ``gid="moran-line"``.

    Examples
    --------
    >>> import numpy as np
    >>> import jregion
    >>> from jregion.autocorrelation import moran
    >>> from jregion.weights import build_weights
    >>> from jregion.plotting import plot_moran_scatter
    >>> prefs = jregion.load_prefectures()
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> density = np.log(pop / jregion.load_indicator("area")["area_km2"])
    >>> res = moran(density, build_weights(prefs, links="japan"), seed=1)
    >>> fig, ax = plot_moran_scatter(res)
    >>> ax.get_xlabel()
    'Standardised value'
    """
    values, lag = result.values, result.lag
    if not values.index.equals(lag.index):
        raise PlotOptionError("result.values and result.lag have different indexes")
    p = get_preset(preset)
    with style_context(p):
        if ax is None:
            from matplotlib.figure import Figure

            w = p.figsize[0]
            fig = Figure(figsize=(w, w), layout="constrained")
            ax = fig.add_subplot()
        else:
            fig = ax.get_figure()  # type: ignore[assignment]
        pts = ax.scatter(values, lag, s=p.font_size * 2, c="#0072B2", edgecolors="none", zorder=3)
        pts.set_gid("moran-points")
        lim = 1.08 * float(np.nanmax(np.abs(np.r_[values.to_numpy(), lag.to_numpy()])))
        xs = np.array([-lim, lim])
        (line,) = ax.plot(xs, result.I * xs, color="#D55E00", lw=1.0, zorder=2)
        line.set_gid("moran-line")
        ax.axhline(0, color="0.5", lw=0.5, zorder=1)
        ax.axvline(0, color="0.5", lw=0.5, zorder=1)
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax.set_xlabel("Standardised value")
        ax.set_ylabel("Spatial lag")
        ax.set_title(f"Moran's I = {result.I:.3f} (p = {result.p_sim:.3f})")
        if names is not None:
            xs_, ys_ = dict(values.items()), dict(lag.items())
            for key, text in names.items():
                if key in xs_:
                    t = ax.annotate(
                        str(text),
                        (xs_[key], ys_[key]),
                        xytext=(3, 3),
                        textcoords="offset points",
                        fontsize="x-small",
                    )
                    t.set_gid("moran-label")
    return fig, ax


def plot_lorenz(
    curve: LorenzLike,
    *,
    preset: PresetName | Preset = "journal-single",
    label: str | None = None,
    xlabel: str = "Cumulative share of units",
    ylabel: str = "Cumulative share of activity",
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Plot a Lorenz curve with the line of equality; the legend gives the Gini.

    Parameters
    ----------
    curve : LorenzCurve
        From :func:`jregion.lorenz_curve`.
    preset : str or Preset, default "journal-single"
        Figure size.
    label : str, optional
        Curve name in the legend (default: the curve's ``name``).
    xlabel, ylabel : str
        Axis labels (say "population" when the curve is weighted by it).
    ax : matplotlib.axes.Axes, optional
        Draw into this axes (several curves on one plot).

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The curve is the ``Line2D`` with ``gid="lorenz"``.

    Examples
    --------
    >>> import jregion
    >>> from jregion.indicators import load_indicator
    >>> from jregion.plotting import plot_lorenz
    >>> lc = jregion.lorenz_curve(load_indicator("manufacturing", year=2005)["persons_employed"])
    >>> fig, ax = plot_lorenz(lc, label="Manufacturing jobs 2005")
    >>> ax.get_legend().get_texts()[0].get_text()
    'Manufacturing jobs 2005 (Gini 0.429)'
    """
    x = np.asarray(curve.population_share, dtype=float)
    y = np.asarray(curve.activity_share, dtype=float)
    if x.shape != y.shape or x.size < 2:
        raise PlotOptionError("population_share and activity_share must be equal-length arrays")
    p = get_preset(preset)
    with style_context(p):
        if ax is None:
            from matplotlib.figure import Figure

            w = p.figsize[0]
            fig = Figure(figsize=(w, w), layout="constrained")
            ax = fig.add_subplot()
            (eq,) = ax.plot([0, 1], [0, 1], color="0.5", lw=0.6, ls="--")
            eq.set_gid("equality")
        else:
            fig = ax.get_figure()  # type: ignore[assignment]
        name = label or getattr(curve, "name", None) or "Lorenz curve"
        (line,) = ax.plot(x, y, lw=1.2, label=f"{name} (Gini {curve.gini:.3f})")
        line.set_gid("lorenz")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper left", frameon=False)
    return fig, ax
