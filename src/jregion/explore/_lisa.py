"""LISA cluster maps from a :class:`LocalMoranResult` (computed elsewhere)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from jregion._palette import LISA_COLORS, MISSING_COLOR
from jregion.autocorrelation._labels import LISA_LABELS
from jregion.errors import UnmatchedKeyError
from jregion.explore._layers import (
    EDGE,
    MISSING_EDGE,
    add_geojson_layer,
    check_decimals,
    check_frame,
    check_map,
    feature_collection,
    main_bounds,
    names_of,
    new_map,
    refresh_layer_control,
    tooltip_html,
)
from jregion.explore._legend import LegendEntry, add_legend, legend_html

__all__ = ["explore_lisa"]

_REQUIRED = ("Ii", "p_sim", "cluster")
_ADJUST = {"none": "no p-value adjustment", "fdr": "FDR-adjusted", "bonferroni": "Bonferroni"}


def _result_frame(result: Any) -> pd.DataFrame:
    to_frame = getattr(result, "to_frame", None)
    frame = to_frame() if callable(to_frame) else None
    if not isinstance(frame, pd.DataFrame) or not set(_REQUIRED) <= set(frame.columns):
        raise TypeError(
            "result must be a LocalMoranResult (its to_frame() has columns Ii, p_sim, "
            f"quadrant, cluster), got {type(result).__name__}; compute it with jregion's "
            "local Moran function"
        )
    return frame


def explore_lisa(
    result: Any,
    *,
    geometry: Any = None,
    name: str = "LISA clusters",
    decimals: int = 3,
    tiles: str | None = None,
    attribution: str | None = None,
    m: Any = None,
) -> Any:
    """Map local Moran (LISA) clusters with their statistics in the tooltips.

    Colours and category order are the fixed ones of
    :data:`jregion._palette.LISA_COLORS` /
    ``jregion.autocorrelation._labels.LISA_LABELS`` (GeoDa's), shared
    with the static LISA map. Nothing is computed here: clusters, ``Ii`` and
    pseudo p-values are read from ``result``.

    Parameters
    ----------
    result : LocalMoranResult
        From jregion's local Moran function: ``to_frame()`` with columns
        ``Ii``, ``p_sim``, ``quadrant``, ``cluster``; also ``values`` (z),
        ``lag``, ``alpha`` and ``adjust``.
    geometry : geopandas.GeoDataFrame, optional
        Shapes indexed like the result; by default
        ``jregion.load_prefectures(resolution="web")``. Shapes without a
        result row are drawn as missing and labelled "Not in the analysis".
    name : str, default "LISA clusters"
        Layer name and legend title.
    decimals : int, default 3
        Decimals of the statistics in tooltips.
    tiles : str, optional
        Base tiles for a new map; None (default) for a plain background.
    attribution : str, optional
        Credit line; the boundary credit :func:`jregion.attribution` by default.
    m : folium.Map, optional
        Map to add the layer to; a new map otherwise.

    Returns
    -------
    folium.Map
        The map.

    Raises
    ------
    TypeError
        If ``result`` does not follow the LocalMoranResult contract.
    jregion.UnmatchedKeyError
        If result rows have no shape in ``geometry``.

    Examples
    --------
    >>> import numpy as np, jregion
    >>> from jregion.autocorrelation import local_moran
    >>> from jregion.weights import build_weights
    >>> graph = build_weights(jregion.load_prefectures(), links="japan")
    >>> pop = jregion.load_indicator("population", year=2015)["population"]
    >>> density = np.log(pop / jregion.load_indicator("area")["area_km2"])
    >>> lisa = local_moran(density, graph, permutations=99, seed=7)
    >>> m = jregion.explore_lisa(lisa)
    >>> n = int((lisa.cluster == "High-High").sum())
    >>> f"High-High ({n})" in m.get_root().render()
    True
    """
    check_decimals(decimals)
    frame = _result_frame(result)
    check_map(m)
    if geometry is None:
        from jregion.boundaries import load_prefectures

        geometry = load_prefectures(resolution="web")
    shapes = check_frame(geometry, what="geometry")
    keys = pd.Index([str(k) for k in frame.index])
    shape_keys = pd.Index([str(k) for k in shapes.index])
    unmatched = keys.difference(shape_keys)
    if len(unmatched):
        raise UnmatchedKeyError(
            f"{len(unmatched)} result row(s) have no shape in geometry: {unmatched.tolist()[:10]}; "
            "pass geometry= indexed like the data the LISA was computed on"
        )
    stats = frame.set_axis(keys).reindex(shape_keys)
    values = _series(result, "values", keys).reindex(shape_keys)
    lag = _series(result, "lag", keys).reindex(shape_keys)
    if attribution is None:
        from jregion.boundaries import attribution as boundary_credit

        attribution = boundary_credit()
    if m is None:
        m = new_map(tiles=tiles, bounds=main_bounds(shapes))
    en, ja = names_of(shapes)
    adjust = str(getattr(result, "adjust", "none"))
    tooltips: list[str] = []
    styles: dict[str, dict[str, Any]] = {}
    counts = dict.fromkeys(LISA_LABELS, 0)
    n_outside = n_missing = 0
    for i, key in enumerate(shape_keys):
        cluster = stats["cluster"].iloc[i]
        if key not in keys or pd.isna(cluster):
            outside = key not in keys
            n_outside += outside
            n_missing += not outside
            text = "Not in the analysis" if outside else "No data"
            lines = [f"Cluster: {text}"]
            styles[key] = {
                "fillColor": MISSING_COLOR,
                "color": MISSING_EDGE,
                "weight": 0.8,
                "dashArray": "3",
                "fillOpacity": 0.9,
            }
        else:
            label = str(cluster)
            counts[label] = counts.get(label, 0) + 1
            lines = [
                f"Cluster: {label}",
                f"Local Moran's I: {_num(stats['Ii'].iloc[i], decimals)}",
                f"Pseudo p-value: {_num(stats['p_sim'].iloc[i], decimals)}",
                *(
                    [f"Adjusted p ({adjust}): {_num(stats['p_adjusted'].iloc[i], decimals)}"]
                    if adjust != "none" and "p_adjusted" in stats.columns
                    else []
                ),
                f"z: {_num(values.iloc[i], decimals)}, spatial lag: {_num(lag.iloc[i], decimals)}",
            ]
            styles[key] = {
                "fillColor": LISA_COLORS.get(label, MISSING_COLOR),
                "color": EDGE,
                "weight": 0.6,
                "fillOpacity": 0.85,
            }
        tooltips.append(tooltip_html(en[i], ja[i], lines))
    layer = add_geojson_layer(
        m,
        feature_collection(shapes, tooltips),
        name=name,
        styles=styles,
        show=True,
        attribution=attribution,
    )
    entries = [LegendEntry(LISA_COLORS[lab], lab, counts[lab]) for lab in LISA_LABELS]
    if n_missing:
        entries.append(LegendEntry(MISSING_COLOR, "No data", n_missing, MISSING_EDGE))
    if n_outside:
        entries.append(LegendEntry(MISSING_COLOR, "Not in the analysis", n_outside, MISSING_EDGE))
    alpha = getattr(result, "alpha", None)
    detail = _ADJUST.get(adjust, adjust)
    title = f"{name} (α = {alpha:g}, {detail})" if isinstance(alpha, int | float) else name
    add_legend(m, layer, legend_html(title, entries), show=True)
    refresh_layer_control(m)
    return m


def _series(result: Any, attr: str, keys: pd.Index) -> pd.Series:
    value = getattr(result, attr, None)
    if isinstance(value, pd.Series):
        return value.set_axis([str(k) for k in value.index])
    return pd.Series(float("nan"), index=keys)


def _num(value: Any, decimals: int) -> str:
    return "–" if pd.isna(value) else f"{float(value):.{decimals}f}"
