"""Mesh cells as polygons (JIS X 0410 codes to a GeoDataFrame)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jregion.mesh._codes import _edges

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["mesh_polygons"]


def mesh_polygons(codes: Any) -> gpd.GeoDataFrame:
    """Build the cells of mesh codes as rectangles in longitude and latitude.

    The codes are defined on JGD2011 geographic coordinates; the result is labelled
    EPSG:4326 (WGS 84), which differs from JGD2011 by well under a metre, far below the
    125 m of the finest cell. Edges are exact (see :func:`mesh_bounds`), so neighbouring
    cells share their vertices bit for bit.

    Parameters
    ----------
    codes : str, int, array-like, pandas.Index or pandas.Series
        Codes of one level.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by code (``mesh_code``, input order), with ``level`` and the polygon
        ``geometry``, EPSG:4326.

    Examples
    --------
    >>> import jregion
    >>> cells = jregion.mesh_polygons(["53394611", "53394612"])
    >>> cells.crs.to_string(), cells.geometry.iloc[0].bounds
    ('EPSG:4326', (139.7625, 35.675, 139.775, 35.68333333333333))
    """
    import geopandas as gpd
    import shapely

    from jregion.mesh._grid import LEVEL_DIGITS

    index, edges = _edges(codes)
    level = {d: lv for lv, d in LEVEL_DIGITS.items()}[len(str(index[0]))]
    geometry = shapely.box(edges["west"], edges["south"], edges["east"], edges["north"])
    return gpd.GeoDataFrame(
        {"level": level}, geometry=geometry, index=index, crs="EPSG:4326"
    )
