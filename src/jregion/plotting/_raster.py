"""The raster path: draw regular mesh cells (JIS X 0410 grid squares) as one image.

Drawing 380,000 one-kilometre cells as polygons takes geopandas tens of
seconds. Mesh cells are a regular longitude/latitude grid, so
:func:`plot_mesh` puts each cell's class in one array and resamples it to the
map CRS pixel by pixel (inverse projection of each output pixel centre,
nearest cell), with the Okinawa inset handled by shifting the pixels inside
its frame. Prefecture outlines are drawn on top as vectors.

Mesh codes (JIS X 0410): first level ``pppuu`` (4 digits; 40' x 1°), second
level adds ``qv`` (6 digits; 5' x 7.5'), third level adds ``rw`` (8 digits;
30" x 45", about 1 km). The south-west corner of a third-level cell is
latitude ``(pp + (q + r/10)/8) / 1.5`` and longitude ``100 + uu + (v + w/10)/8``.
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

#: Cells per degree of latitude and of longitude at each mesh level (digits).
_CELLS: dict[int, tuple[float, float]] = {4: (1.5, 1.0), 6: (12.0, 8.0), 8: (120.0, 80.0)}


def mesh_grid(
    codes: pd.Index | pd.Series,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], int]:
    """Global grid row and column of each mesh code, and the level's digit count.

    Row ``r`` spans latitudes ``r / cells_per_lat_degree`` upwards; column
    ``c`` spans longitudes ``100 + c / cells_per_lon_degree`` eastwards.

    Raises
    ------
    PlotOptionError
        If the codes are not all digit strings of one length (4, 6 or 8).

    Examples
    --------
    >>> import pandas as pd
    >>> from jregion.plotting._raster import mesh_grid
    >>> rows, cols, n = mesh_grid(pd.Index(["53394611"]))
    >>> float(rows[0] / 120), float(100 + cols[0] / 80), n
    (35.675, 139.7625, 8)
    """
    text = pd.Index(codes).astype(str)
    lengths = set(text.str.len())
    if len(lengths) != 1 or not lengths <= set(_CELLS) or not text.str.isdigit().all():
        bad = text[~text.str.fullmatch(r"\d{4}|\d{6}|\d{8}")][:3].tolist() or sorted(lengths)
        raise PlotOptionError(
            f"mesh codes must be digit strings of one level (4, 6 or 8 digits), got e.g. {bad}"
        )
    n = lengths.pop()
    digits = np.array([list(map(int, s)) for s in text], dtype=np.int64).reshape(len(text), n)
    rows = digits[:, 0] * 10 + digits[:, 1]
    cols = digits[:, 2] * 10 + digits[:, 3]
    if n >= 6:
        rows, cols = rows * 8 + digits[:, 4], cols * 8 + digits[:, 5]
    if n == 8:
        rows, cols = rows * 10 + digits[:, 6], cols * 10 + digits[:, 7]
    return rows, cols, n


def _resample(
    grid: np.ndarray[Any, Any],
    row0: int,
    col0: int,
    n: int,
    extent: tuple[float, float, float, float],
    shape: tuple[int, int],
    crs: str,
    inset: bool,
) -> np.ndarray[Any, Any]:
    """Class index (-2 = no cell) of each output pixel, by inverse projection."""
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
    per_lat, per_lon = _CELLS[n]
    r = np.floor(lat * per_lat).astype(np.int64) - row0
    c = np.floor((lon - 100.0) * per_lon).astype(np.int64) - col0
    ok = (r >= 0) & (r < grid.shape[0]) & (c >= 0) & (c < grid.shape[1]) & np.isfinite(lon)
    out = np.full(gx.size, -2, dtype=np.int64)
    out[ok] = grid[r[ok], c[ok]]
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
        Numeric values indexed by mesh code (4, 6 or 8 digits, one level).
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
    PlotOptionError
        For malformed or mixed-level mesh codes, or duplicated codes.

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
    rows, cols, n = mesh_grid(values.index)
    p = get_preset(preset)
    from jregion.boundaries import load_prefectures

    with style_context(p):
        c = classify(values, scheme=scheme, k=k, bins=bins)
        palette = class_colors(c.k, cmap=cmap, grayscale=grayscale)
        row0, col0 = int(rows.min()), int(cols.min())
        grid = np.full((int(rows.max()) - row0 + 1, int(cols.max()) - col0 + 1), -2, np.int64)
        grid[rows - row0, cols - col0] = c.yb.to_numpy()
        key = crs_key(crs)
        opts = MapOptions(key, inset, False, None, None, None, p)
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
        cls = _resample(grid, row0, col0, n, (x0, x1, y0, y1), shape, key, inset)
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
