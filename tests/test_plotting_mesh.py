"""The mesh raster path: code decoding (JIS X 0410, hand-worked) and pixels where cells are."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from pyproj import Transformer

import jregion
from jregion import MeshCodeError, mesh_level
from jregion.plotting import PlotOptionError, class_colors, plot_mesh
from jregion.plotting._layout import get_layout
from jregion.plotting._raster import mesh_grid

matplotlib.use("Agg")


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [
        # 1st level 5339: lat 53 / 1.5 = 35.3333, lon 100 + 39 = 139
        ("5339", 53 / 1.5, 139.0),
        # 2nd level 533946: + 4 * 5' lat, + 6 * 7.5' lon
        ("533946", 53 / 1.5 + 4 * 5 / 60, 139.0 + 6 * 7.5 / 60),
        # 3rd level 53394611 (Tokyo Station, 35.6812 N 139.7671 E): + 30" lat, + 45" lon
        ("53394611", 35.675, 139.7625),
    ],
)
def test_mesh_grid_south_west_corner(code: str, lat: float, lon: float) -> None:
    rows, cols, level = mesh_grid(pd.Index([code]))
    per_lat, per_lon = {1: (1.5, 1.0), 2: (12.0, 8.0), 3: (120.0, 80.0)}[level]
    assert rows[0] / per_lat == pytest.approx(lat)
    assert 100 + cols[0] / per_lon == pytest.approx(lon)


def test_tokyo_station_in_its_cell() -> None:
    rows, cols, _ = mesh_grid(pd.Index(["53394611"]))
    lat0, lon0 = rows[0] / 120, 100 + cols[0] / 80
    assert lat0 <= 35.6812 < lat0 + 1 / 120
    assert lon0 <= 139.7671 < lon0 + 1 / 80


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (["5339", "533946"], "mixed levels: '5339' is level 1 but '533946'"),
        (["53a9"], "'53a9' \\(position 0\\): contains characters other than the digits"),
        (["533"], "'533' \\(position 0\\): has 3 characters"),
    ],
)
def test_bad_mesh_codes(codes: list[str], message: str) -> None:
    with pytest.raises(MeshCodeError, match=message):
        mesh_grid(pd.Index(codes))


def test_plot_mesh_validates_codes_with_mesh_level() -> None:
    # a stray code outside Japan's range is named, not drawn (it once allocated 512 MB)
    values = pd.Series([1.0, 2.0], index=["53394611", "99999999"])
    with pytest.raises(MeshCodeError, match="'99999999' \\(position 1\\): has the 1st-level"):
        plot_mesh(values)
    with pytest.raises(MeshCodeError, match="500 m quadrant digit 7"):
        plot_mesh(pd.Series([1.0], index=["533946117"]))


@pytest.mark.parametrize(
    "codes",
    [
        ["5339", "5340", "5439"],  # 80 km
        ["533946111", "533946112", "533946113", "392725541"],  # 500 m, Okinawa too
        ["5339461111", "5339461112", "5339461121"],  # 250 m
        ["53394611111", "53394611112", "53394611113"],  # 125 m
    ],
)
def test_every_level_is_drawn(codes: list[str]) -> None:
    values = pd.Series(np.arange(1.0, len(codes) + 1), index=codes, name="persons")
    _fig, ax = plot_mesh(values, k=2, raster_dpi=60)
    [image] = ax.get_images()
    assert image.get_gid() == "mesh"
    assert ax.get_legend().get_title().get_text() == "persons"
    counts = [t.get_text().rsplit("(", 1)[1] for t in ax.get_legend().get_texts()]
    assert sum(int(c.rstrip(")")) for c in counts) == len(codes)


def test_integer_codes_accepted() -> None:
    _fig, ax = plot_mesh(pd.Series([1.0, 2.0], index=[533946113, 533946114]), k=2, raster_dpi=40)
    assert ax.get_images()[0].get_gid() == "mesh"


@pytest.mark.slow  # tracemalloc slows the plot several-fold
def test_memory_bounded_by_codes_not_extent() -> None:
    """Two 125 m cells at opposite corners of Japan's range: a dense grid of their extent
    would hold 24,960 x 20,480 cells (4 GB as int64); the plot must stay small."""
    import tracemalloc

    values = pd.Series([1.0, 2.0], index=["30220000111", "68537777444"])
    assert mesh_level(values.index) == 6
    plot_mesh(values, k=2, raster_dpi=20)  # warm-up outside the trace: boundaries, fonts
    tracemalloc.start()
    try:
        _fig, ax = plot_mesh(values, k=2, raster_dpi=60)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ax.get_images()[0].get_gid() == "mesh"
    assert peak < 60e6  # under 20 MB here (figure, 60 dpi image, outlines)


def test_duplicate_codes_and_not_series() -> None:
    with pytest.raises(PlotOptionError, match="duplicated mesh codes"):
        plot_mesh(pd.Series([1.0, 2.0], index=["533946", "533946"]))
    with pytest.raises(TypeError, match="Series indexed by mesh code"):
        plot_mesh([1.0, 2.0])  # type: ignore[arg-type]


def _pixel(ax: object, x: float, y: float) -> tuple[float, ...]:
    [image] = ax.get_images()  # type: ignore[attr-defined]
    data = image.get_array()
    x0, x1, y0, y1 = image.get_extent()
    h, w = data.shape[:2]
    col = int((x - x0) / (x1 - x0) * w)
    row = int((y - y0) / (y1 - y0) * h)
    return tuple(float(v) for v in data[row, col])


def test_cells_drawn_at_their_place_and_okinawa_moved() -> None:
    # second-level cells (about 10 km): Tokyo 533946, its west neighbour 533945, Naha 392725
    values = pd.Series([1.0, 2.0, 3.0, np.nan], index=["533946", "533945", "392725", "523536"])
    _fig, ax = plot_mesh(values, bins=[1, 2, 3], raster_dpi=200)
    palette = [to_rgba(c) for c in class_colors(3)]
    to_map = Transformer.from_crs("EPSG:4326", jregion.MAP_CRS, always_xy=True)
    centre = {  # cell centres: south-west corner + half a cell (5' / 2, 7.5' / 2)
        "533946": (139.75 + 3.75 / 60, 35.6667 + 2.5 / 60),
        "533945": (139.625 + 3.75 / 60, 35.6667 + 2.5 / 60),
        "392725": (127.625 + 3.75 / 60, 26.1667 + 2.5 / 60),
        "523536": (135.75 + 3.75 / 60, 52 / 1.5 + 15 / 60 + 2.5 / 60),
    }
    assert _pixel(ax, *to_map.transform(*centre["533946"])) == palette[0]
    assert _pixel(ax, *to_map.transform(*centre["533945"])) == palette[1]
    assert _pixel(ax, *to_map.transform(*centre["523536"])) == to_rgba("#ffffff")  # NaN cell
    # Naha's cell appears in the Okinawa inset, shifted like the vector layers, not in place
    naha_x, naha_y = to_map.transform(*centre["392725"])
    box = get_layout(jregion.MAP_CRS).insets["okinawa"]
    assert _pixel(ax, naha_x + box.dx, naha_y + box.dy) == palette[2]
    # an empty place (no cell: Sapporo) is transparent
    assert _pixel(ax, *to_map.transform(141.35, 43.06))[3] == 0.0
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["1 (1)", "2 (1)", "3 (1)", "No data (1)"]


@pytest.mark.parametrize("code", ["533946113", "5339461132", "53394611324", "5339"])
def test_resample_finds_fine_cells_at_their_place(code: str) -> None:
    """The pixel lookup (no dense grid) puts a cell's class inside its bounds, nothing outside."""
    from jregion.mesh import mesh_bounds
    from jregion.plotting._raster import _STRIDE, _resample

    rows, cols, level = mesh_grid(pd.Index([code]))
    b = mesh_bounds(code).iloc[0]
    to_map = Transformer.from_crs("EPSG:4326", jregion.MAP_CRS, always_xy=True)
    dy, dx = b["north"] - b["south"], b["east"] - b["west"]
    (x0, x1), (y0, y1) = to_map.transform(
        [b["west"] - dx, b["east"] + dx], [b["south"] - dy, b["north"] + dy]
    )
    keys = rows * _STRIDE + cols
    cls = _resample(keys, np.array([7]), level, (x0, x1, y0, y1), (60, 60), jregion.MAP_CRS, False)
    assert cls[30, 30] == 7  # the centre of the window is the cell's centre
    assert cls[2, 2] == -2 and cls[57, 57] == -2  # the corners are in absent cells
    assert 0.05 < (cls == 7).mean() < 0.25  # about a ninth of the window
