"""Choropleth maps of Japan: one panel, or small multiples with shared classes."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pandas as pd

from jregion._palette import MISSING_COLOR
from jregion.classification import Classification, Scheme, classify
from jregion.crs import MAP_CRS
from jregion.plotting._base import (
    Labels,
    MapOptions,
    add_attribution,
    attribution_text,
    check_frame,
    check_text,
    crs_key,
    decorate,
    draw_map,
    legend_handles,
    new_figure,
    place_legend,
    set_map_title,
)
from jregion.plotting._layers import PointLayer
from jregion.plotting._styles import (
    DEFAULT_CMAP,
    PlotOptionError,
    Preset,
    PresetName,
    class_colors,
    get_preset,
    style_context,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_choropleth", "plot_facets"]

BinsFrom = Classification | pd.DataFrame | Sequence[pd.Series]


def _classes(
    values: pd.Series,
    *,
    scheme: Scheme,
    k: int,
    bins: Sequence[float] | None,
    bins_from: BinsFrom | None,
) -> Classification:
    if bins_from is None:
        return classify(values, scheme=scheme, k=k, bins=bins)
    if bins is not None:
        raise PlotOptionError("pass either bins= or bins_from=, not both")
    if isinstance(bins_from, Classification):
        shared = bins_from
    else:
        frames = (
            [bins_from[c] for c in bins_from.columns]
            if isinstance(bins_from, pd.DataFrame)
            else list(bins_from)
        )
        pooled = pd.concat([pd.Series(f, dtype="float64") for f in frames], ignore_index=True)
        shared = classify(pooled, scheme=scheme, k=k)
    own = classify(values, bins=shared.bins)
    return dataclasses.replace(own, legend_labels=shared.legend_labels, lower=shared.lower)


def _colors(c: Classification, cmap: str, grayscale: bool) -> tuple[list[str], list[str]]:
    palette = class_colors(c.k, cmap=cmap, grayscale=grayscale)
    per_row = [palette[i] if i >= 0 else MISSING_COLOR for i in c.yb.to_numpy()]
    return palette, per_row


def plot_choropleth(
    gdf: gpd.GeoDataFrame,
    column: str,
    *,
    scheme: Scheme = "quantiles",
    k: int = 5,
    bins: Sequence[float] | None = None,
    bins_from: BinsFrom | None = None,
    cmap: str = DEFAULT_CMAP,
    grayscale: bool = False,
    preset: PresetName | Preset = "journal-single",
    crs: Any = MAP_CRS,
    inset: bool = True,
    ogasawara: bool = False,
    regions: str | Mapping[object, str] | gpd.GeoDataFrame | None = None,
    points: PointLayer | gpd.GeoDataFrame | gpd.GeoSeries | None = None,
    labels: Labels = None,
    legend_title: str | None = None,
    title: str | None = None,
    scale_bar: bool = True,
    north_arrow: bool = True,
    attribution: bool | str = True,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Draw a classed choropleth map of Japan for publication.

    Okinawa is drawn in a framed inset in the upper left (as Japanese atlases
    do), with any points and labels that fall there; ``ogasawara=True`` adds
    the Bonin and Volcano Islands in the lower right. Maps use
    :data:`jregion.MAP_CRS` (Lambert conformal conic centred on Japan) unless
    ``crs`` is given; the scale bar and north arrow are computed in that CRS.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Polygons with a CRS and the value column (e.g. prefectures from
        :func:`jregion.load_prefectures` joined with :func:`jregion.attach`).
        Not modified.
    column : str
        Numeric column to map. NaN values are drawn hatched, with a legend entry.
    scheme : str, default "quantiles"
        Classification scheme (see :func:`jregion.classification.classify`).
    k : int, default 5
        Number of classes.
    bins : sequence of float, optional
        User class upper bounds (overrides ``scheme``).
    bins_from : Classification, DataFrame or sequence of Series, optional
        Share classes with other maps: reuse a :class:`~jregion.classification.Classification`,
        or classify the pooled values of several Series (or all columns of a
        DataFrame), so that panels such as 1990 and 2005 compare.
    cmap : str, default "YlGnBu"
        Sequential colour map (the default is colour-blind safe).
    grayscale : bool, default False
        Gray ramp for black-and-white print.
    preset : {"journal-single", "journal-double", "slide"} or Preset
        Figure size and type sizes: 85 mm, 170 mm, or a 16:9 slide.
    crs : CRS-like, default jregion.MAP_CRS
        Projection of the map.
    inset : bool, default True
        Draw Okinawa in an inset (False: at its true position).
    ogasawara : bool, default False
        Add the Ogasawara inset. Otherwise Tokyo's islands south of 29° N are
        not drawn (the rest of Tokyo is).
    regions : str, mapping or GeoDataFrame, optional
        Region scheme (``"eight"``, ``"tokaido"``, ...; any scheme of
        :func:`jregion.load_regions`) or region polygons whose internal
        boundaries are drawn as bold lines. ``"prefecture"`` draws the
        prefecture borders (thinner) over a municipal map. Above 300 rows, the
        fills' own edges are drawn as hairlines.
    points : PointLayer or GeoDataFrame, optional
        Point symbols drawn on top (see :class:`PointLayer`).
    labels : {"en", "ja"} or None, default None
        Write row names in English or Japanese (IPAexGothic, bundled).
    legend_title, title : str, optional
        Legend title (default: the column name) and axes title.
    scale_bar, north_arrow : bool, default True
        Draw a scale bar and a north arrow.
    attribution : bool or str, default True
        Draw the MLIT boundary attribution (or a custom line).
    ax : matplotlib.axes.Axes, optional
        Draw into this axes instead of a new figure.

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The figure and map axes. Fills are the collection with
        ``gid="fills"``: one path per row, in row order.

    Raises
    ------
    TypeError
        If ``gdf`` is not a GeoDataFrame.
    CRSError
        If it has no CRS.
    PlotOptionError
        For a missing column, an unknown preset or colour map.
    NonNumericError, MissingValueError, ClassificationError
        From the classification (non-numeric column, all NaN, too many classes).

    Examples
    --------
    >>> import jregion
    >>> from jregion.plotting import plot_choropleth
    >>> prefs = jregion.load_prefectures()
    >>> prefs["area_km2"] = prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6
    >>> fig, ax = plot_choropleth(prefs, "area_km2", scheme="fisher_jenks", k=4, regions="eight")
    >>> [t.get_text() for t in ax.get_legend().get_texts()][-1]
    '15,270–83,409 (1)'
    """
    check_frame(gdf, column)
    p = get_preset(preset)
    with style_context(p):
        c = _classes(gdf[column], scheme=scheme, k=k, bins=bins, bins_from=bins_from)
        palette, per_row = _colors(c, cmap, grayscale)
        opts = MapOptions(crs=crs_key(crs), inset=inset, ogasawara=ogasawara, regions=regions,
                          points=points, labels=labels, preset=p)
        own_figure = ax is None
        if ax is None:
            fig, axes = new_figure(p)
            ax = axes[0]
        else:
            fig = ax.get_figure()  # type: ignore[assignment]
        extra = draw_map(ax, gdf, per_row, c.yb.to_numpy() < 0, opts)
        handles = legend_handles(palette, c.legend_labels, c.counts, c.n_missing, labels or "en")
        place_legend(ax, handles + extra, legend_title or column, ogasawara=ogasawara)
        decorate(ax, opts, scale_bar=scale_bar, north_arrow=north_arrow)
        set_map_title(fig, ax, title, own_figure=own_figure)
        add_attribution(fig, attribution_text(attribution, labels))
    return fig, ax


def plot_facets(
    gdf: gpd.GeoDataFrame,
    columns: Sequence[str],
    *,
    scheme: Scheme = "quantiles",
    k: int = 5,
    bins: Sequence[float] | None = None,
    cmap: str = DEFAULT_CMAP,
    grayscale: bool = False,
    preset: PresetName | Preset = "journal-double",
    ncols: int = 2,
    crs: Any = MAP_CRS,
    inset: bool = True,
    regions: str | Mapping[object, str] | gpd.GeoDataFrame | None = None,
    titles: Sequence[str] | None = None,
    legend_title: str | None = None,
    attribution: bool | str = True,
) -> tuple[Figure, list[Axes]]:
    """Small multiples: one map per column, all with the same classes and one legend.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Polygons with a CRS and the value columns.
    columns : sequence of str
        Columns to map, one panel each (e.g. ``["mfg_1990", "mfg_2005"]``).
    scheme, k, bins, cmap, grayscale, preset, crs, inset, regions
        As in :func:`plot_choropleth`; classes are computed on the pooled
        values of all columns.
    ncols : int, default 2
        Panels per row.
    titles : sequence of str, optional
        Panel titles (default: the column names).
    legend_title : str, optional
        Title of the shared legend.
    attribution : bool or str, default True
        As in :func:`plot_choropleth`.

    Returns
    -------
    (matplotlib.figure.Figure, list of matplotlib.axes.Axes)
        The figure and one axes per column.

    Raises
    ------
    PlotOptionError
        For no columns, a missing column or mismatched titles.

    Examples
    --------
    >>> import jregion
    >>> from jregion.plotting import plot_facets
    >>> prefs = jregion.load_prefectures()
    >>> area = prefs.to_crs(jregion.EQUAL_AREA_CRS).area / 1e6
    >>> prefs["a"], prefs["b"] = area, area * 2
    >>> fig, axes = plot_facets(prefs, ["a", "b"], k=3)
    >>> len(axes), len(fig.legends[0].get_texts())
    (2, 3)
    """
    check_frame(gdf)
    if len(columns) == 0:
        raise PlotOptionError("columns is empty; pass at least one column name")
    for col in columns:
        check_frame(gdf, col)
    if titles is not None and len(titles) != len(columns):
        raise PlotOptionError(f"{len(titles)} titles for {len(columns)} columns")
    p = get_preset(preset)
    with style_context(p):
        frames = [gdf[c] for c in columns]
        shared = _classes(frames[0], scheme=scheme, k=k, bins=bins, bins_from=None)
        if bins is None:
            shared = _classes(frames[0], scheme=scheme, k=k, bins=None, bins_from=frames)
        nrows = -(-len(columns) // ncols)
        fig, axes = new_figure(p, nrows=nrows, ncols=ncols)
        opts = MapOptions(crs=crs_key(crs), inset=inset, ogasawara=False, regions=regions,
                          points=None, labels=None, preset=p)
        palette = class_colors(shared.k, cmap=cmap, grayscale=grayscale)
        missing_total = 0
        for i, col in enumerate(columns):
            c = _classes(gdf[col], scheme=scheme, k=k, bins=None, bins_from=shared)
            missing_total += c.n_missing
            per_row = [palette[j] if j >= 0 else MISSING_COLOR for j in c.yb.to_numpy()]
            draw_map(axes[i], gdf, per_row, c.yb.to_numpy() < 0, opts)
            panel_title = titles[i] if titles is not None else col
            check_text(panel_title, "panel title")
            axes[i].set_title(panel_title)
        for extra in axes[len(columns) :]:
            extra.set_visible(False)
        decorate(axes[len(columns) - 1], opts, scale_bar=True, north_arrow=False)
        decorate(axes[0], opts, scale_bar=False, north_arrow=True)
        handles = legend_handles(
            palette, shared.legend_labels, [0] * shared.k, int(missing_total > 0), "en"
        )
        texts = list(shared.legend_labels) + (["No data"] if missing_total else [])
        leg = fig.legend(
            [h for h, _ in handles],
            texts,
            title=legend_title,
            loc="lower center",
            ncols=min(len(texts), 6),
            frameon=False,
            bbox_to_anchor=(0.5, 0.03),
        )
        leg.set_gid("legend")
        add_attribution(fig, attribution_text(attribution, None))
    return fig, axes[: len(columns)]
