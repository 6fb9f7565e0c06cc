"""The raster path: draw regular mesh cells (JIS X 0410 grid squares) as one image.

Drawing 380,000 one-kilometre cells as polygons takes geopandas tens of
seconds. Mesh cells are a regular longitude/latitude grid, so
:func:`plot_mesh` puts each cell's class in one array and resamples it to the
map CRS pixel by pixel (inverse projection of each output pixel centre,
nearest cell), with the Okinawa inset handled by shifting the pixels inside
its frame. Prefecture outlines are drawn on top as vectors.

Mesh codes (JIS X 0410, every level from 80 km to 125 m) are validated and placed on
the global mesh grid by :mod:`jregion.mesh`. No dense grid is allocated: each output
pixel finds its cell by binary search among the codes' sorted grid keys, so memory grows
with the number of codes and pixels, never with their extent (one stray code far from the
others costs nothing). Cells smaller than a pixel are sampled at pixel centres.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from jregion._palette import MISSING_COLOR
from jregion.classification import Scheme, classify
from jregion.crs import MAP_CRS
from jregion.plotting._base import (
    MapOptions,
    add_attribution,
    attribution_text,
    crs_key,
    decorate,
    draw_map,
    legend_handles,
    new_figure,
    place_legend,
)
from jregion.plotting._layout import OKINAWA_MASK, REMOTE_MASK, get_layout
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

__all__ = ["mesh_grid", "plot_mesh"]

#: Grid columns are below 54 * 640 at every level, so ``row * _STRIDE + col`` is one key.
_STRIDE = 1 << 16


def mesh_grid(
    codes: pd.Index | pd.Series,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], int]:
    """Global grid row and column of each mesh code, and the codes' level (1-6).

    Row ``r`` spans latitudes ``r * s / 960`` upwards and column ``c`` longitudes
    ``100 + c * s / 640`` eastwards, ``s`` being ``jregion.mesh._grid.SCALE[level]``.

    Raises
    ------
    MeshCodeError
        For an invalid code (named, with the rule it breaks) or codes of mixed levels.

    Examples
    --------
    >>> import pandas as pd
    >>> from jregion.plotting._raster import mesh_grid
    >>> rows, cols, level = mesh_grid(pd.Index(["53394611"]))
    >>> float(rows[0] / 120), float(100 + cols[0] / 80), level
    (35.675, 139.7625, 3)
    """
    from jregion.mesh._grid import parse_codes

    _, level, rows, cols = parse_codes(codes)
    return rows, cols, level


def _resample(
    keys: np.ndarray[Any, Any],
    classes: np.ndarray[Any, Any],
    level: int,
    extent: tuple[float, float, float, float],
    shape: tuple[int, int],
    crs: str,
    inset: bool,
) -> np.ndarray[Any, Any]:
    """Class index (-2 = no cell) of each output pixel, by inverse projection.

    ``keys`` are the cells' sorted grid keys (``row * _STRIDE + col``) and ``classes``
    their class indices in the same order.
    """
    from jregion.mesh._grid import SCALE

    x0, x1, y0, y1 = extent
    height, width = shape
    xs = x0 + (np.arange(width) + 0.5) * (x1 - x0) / width
    ys = y0 + (np.arange(height) + 0.5) * (y1 - y0) / height
    mx, my = np.meshgrid(xs, ys)
    gx, gy = mx.ravel(), my.ravel()
    layout = get_layout(crs)
    in_frame = np.zeros(gx.size, dtype=bool)
    if inset:
        box = layout.insets["okinawa"]
        fx0, fy0, fx1, fy1 = box.frame
        in_frame = (gx >= fx0) & (gx <= fx1) & (gy >= fy0) & (gy <= fy1)
        gx = np.where(in_frame, gx - box.dx, gx)
        gy = np.where(in_frame, gy - box.dy, gy)
    lon, lat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform(gx, gy)
    s = SCALE[level]
    finite = np.isfinite(lon) & np.isfinite(lat)
    r = np.floor(np.where(finite, lat, 0.0) * (960 / s)).astype(np.int64)
    c = np.floor((np.where(finite, lon, 100.0) - 100.0) * (640 / s)).astype(np.int64)
    inside = finite & (c >= 0) & (c < _STRIDE) & (r >= 0)
    key = r * _STRIDE + c
    pos = np.minimum(np.searchsorted(keys, key), keys.size - 1)
    ok = inside & (keys[pos] == key)
    out = np.full(gx.size, -2, dtype=np.int64)
    out[ok] = classes[pos[ok]]
    okinawa = shapely.contains_xy(OKINAWA_MASK, lon, lat)
    hidden = shapely.contains_xy(REMOTE_MASK, lon, lat)
    if inset:
        hidden |= okinawa & ~in_frame  # Okinawa is drawn only inside its frame
        hidden |= in_frame & ~okinawa  # and the frame shows only Okinawa
    out[hidden] = -2
    return out.reshape(height, width)


def plot_mesh(
    values: pd.Series,
    *,
    scheme: Scheme = "quantiles",
    k: int = 5,
    bins: list[float] | None = None,
    cmap: str = DEFAULT_CMAP,
    grayscale: bool = False,
    preset: PresetName | Preset = "journal-single",
    crs: Any = MAP_CRS,
    inset: bool = True,
    raster_dpi: float = 300.0,
    legend_title: str | None = None,
    attribution: bool | str = True,
) -> tuple[Figure, Axes]:
    """Map values on mesh cells (grid squares) as an image, with prefecture outlines.

    Renders 380,000 one-kilometre cells in about a second (see
    ``benchmarks/bench_plotting.py``) where drawing them as polygons takes
    tens of seconds.

    Parameters
    ----------
    values : pandas.Series
        Numeric values indexed by mesh code, one level: 80 km (4 digits) to 125 m
        (11 digits), validated as by :func:`jregion.mesh_level`.
        Cells that are absent are left blank; NaN cells get the missing colour.
    scheme, k, bins, cmap, grayscale, preset, crs, inset, legend_title, attribution
        As in :func:`plot_choropleth`.
    raster_dpi : float, default 300
        Resolution of the image on the page (pixels per inch of the map axes).

    Returns
    -------
    (matplotlib.figure.Figure, matplotlib.axes.Axes)
        The image is the ``AxesImage`` with ``gid="mesh"``.

    Raises
    ------
    MeshCodeError
        For an invalid mesh code (named, with the rule it breaks) or mixed levels.
    PlotOptionError
        For duplicated codes.

    Examples
    --------
    >>> import pandas as pd
    >>> from jregion.plotting import plot_mesh
    >>> cells = pd.Series([1.0, 2.0, 3.0], index=["53394611", "53394612", "52354611"])
    >>> fig, ax = plot_mesh(cells, k=3, raster_dpi=50)
    >>> ax.get_images()[0].get_gid()
    'mesh'
    """
    if not isinstance(values, pd.Series):
        raise TypeError(
            f"values must be a Series indexed by mesh code, got {type(values).__name__}"
        )
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()][:3].tolist()
        raise PlotOptionError(f"duplicated mesh codes, e.g. {dup}; aggregate them first")
    rows, cols, level = mesh_grid(values.index)
    p = get_preset(preset)
    from jregion.boundaries import load_prefectures

    with style_context(p):
        c = classify(values, scheme=scheme, k=k, bins=bins)
        palette = class_colors(c.k, cmap=cmap, grayscale=grayscale)
        keys = rows * _STRIDE + cols
        order = np.argsort(keys)
        keys, classes = keys[order], c.yb.to_numpy()[order]
        key = crs_key(crs)
        opts = MapOptions(crs=key, inset=inset, ogasawara=False, regions=None, points=None,
                          labels=None, preset=p)
        fig, axes = new_figure(p)
        ax = axes[0]
        outline = load_prefectures(resolution="web")
        draw_map(ax, outline, ["none"] * len(outline), np.zeros(len(outline), bool), opts)
        ax.apply_aspect()
        bbox = ax.get_position()
        w_in, h_in = fig.get_size_inches()
        shape = (
            max(int(bbox.height * h_in * raster_dpi), 10),
            max(int(bbox.width * w_in * raster_dpi), 10),
        )
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        cls = _resample(keys, classes, level, (x0, x1, y0, y1), shape, key, inset)
        from matplotlib.colors import to_rgba

        lut = np.array([to_rgba(col) for col in palette] + [to_rgba(MISSING_COLOR), (0, 0, 0, 0)])
        rgba = lut[np.where(cls >= 0, cls, np.where(cls == -1, len(palette), len(palette) + 1))]
        image = ax.imshow(
            rgba, extent=(x0, x1, y0, y1), origin="lower", interpolation="nearest", zorder=1
        )
        image.set_gid("mesh")
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        handles = legend_handles(palette, c.legend_labels, c.counts, c.n_missing, "en")
        title = legend_title or (None if values.name is None else str(values.name))
        place_legend(ax, handles, title, ogasawara=False)
        decorate(ax, opts, scale_bar=True, north_arrow=True)
        add_attribution(fig, attribution_text(attribution, None))
    return fig, ax
