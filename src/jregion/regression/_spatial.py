"""The weights spreg is given: the graph in the data's row order, and the HAC kernel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from jregion.errors import UnmatchedKeyError

if TYPE_CHECKING:
    from jregion.weights import GraphLike

__all__ = ["Kernel", "Transformation", "exact_lag_multipliers", "hac_kernel", "spreg_weights"]

Transformation = Literal["r", "b"]
Kernel = Literal["triangular", "uniform", "quadratic", "quartic", "gaussian"]


def spreg_weights(graph: GraphLike, index: pd.Index, transformation: Transformation,
                  *, positional: bool) -> Any:
    """Return a libpysal ``W`` over ``index`` in row order, transformed, for spreg."""
    from jregion.weights import as_graph, check_connectivity

    g = as_graph(graph)
    ids = g.unique_ids
    extra, missing = ids.difference(index), index.difference(ids)
    if len(extra) or len(missing):
        hint = (" The data were given as arrays, so their rows are positions 0..n-1: pass a "
                "DataFrame indexed by the graph's ids instead, e.g. "
                "pd.DataFrame(data, index=graph.unique_ids) if the arrays are in that order."
                if positional else " Build the weights from the same rows.")
        raise UnmatchedKeyError(
            f"weights and data have different ids: {list(missing[:10])} only in the data, "
            f"{list(extra[:10])} only in the weights.{hint}"
        )
    check_connectivity(g, stacklevel=4)
    w = g.subgraph(index).transform(transformation).to_W()
    w.transform = transformation
    return w


def hac_kernel(data: Any, index: pd.Index, k: int, function: Kernel) -> Any:
    """Adaptive kernel weights (libpysal ``Kernel``) on the units' representative points.

    The bandwidth of each unit is the distance to its ``k``-th nearest neighbour (times
    1.0000001, libpysal's ``eps``); the diagonal is 1, as spreg's HAC estimator requires.
    Distances are measured in :data:`jregion.EQUAL_AREA_CRS`.
    """
    import geopandas as gpd
    from libpysal.weights import Kernel as LibpysalKernel

    from jregion.crs import EQUAL_AREA_CRS
    from jregion.errors import CRSError

    if not isinstance(data, gpd.GeoDataFrame):
        raise TypeError(
            "robust='hac' weights errors by distance between units, so it needs their "
            f"geometry: pass a GeoDataFrame (got {type(data).__name__})"
        )
    if data.crs is None:
        raise CRSError("robust='hac' needs a GeoDataFrame with a CRS; set one with set_crs")
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 1 <= k < len(index):
        raise ValueError(
            f"hac_k must be an integer from 1 to n - 1 = {len(index) - 1} (the number of "
            f"nearest neighbours that sets each unit's bandwidth), got {k!r}"
        )
    pts = data.geometry.to_crs(EQUAL_AREA_CRS).representative_point()
    coords = np.column_stack([pts.x.to_numpy(), pts.y.to_numpy()])
    return LibpysalKernel(coords, ids=list(index), k=int(k), function=function, fixed=False,
                          diagonal=True)


def exact_lag_multipliers(w: Any, rho: float) -> tuple[float, float, float]:
    """Average direct, indirect and total multipliers of (I - rho W)^-1, from a dense inverse.

    spreg's own multipliers take the total as 1 / (1 - rho), true only for row-standardised
    weights; this holds for any W (LeSage and Pace 2009, ch. 2.7).
    """
    dense = w.sparse.toarray()
    n = dense.shape[0]
    inv = np.linalg.inv(np.eye(n) - rho * dense)
    direct = float(np.trace(inv)) / n
    total = float(inv.sum()) / n
    return direct, total - direct, total
