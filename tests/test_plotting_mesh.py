"""The mesh raster path: code decoding (JIS X 0410, hand-worked) and pixels where cells are."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from pyproj import Transformer

import jregion
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
    rows, cols, n = mesh_grid(pd.Index([code]))
    per_lat, per_lon = {4: (1.5, 1.0), 6: (12.0, 8.0), 8: (120.0, 80.0)}[n]
    assert rows[0] / per_lat == pytest.approx(lat)
    assert 100 + cols[0] / per_lon == pytest.approx(lon)


def test_tokyo_station_in_its_cell() -> None:
    rows, cols, _ = mesh_grid(pd.Index(["53394611"]))
    lat0, lon0 = rows[0] / 120, 100 + cols[0] / 80
    assert lat0 <= 35.6812 < lat0 + 1 / 120
    assert lon0 <= 139.7671 < lon0 + 1 / 80


@pytest.mark.parametrize("codes", [["5339", "533946"], ["53a9"], ["533"]])
def test_bad_mesh_codes(codes: list[str]) -> None:
    with pytest.raises(PlotOptionError, match="mesh codes must be digit strings"):
        mesh_grid(pd.Index(codes))


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
