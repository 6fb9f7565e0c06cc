"""The map canvas shared by every static map: fills, insets, layers, limits, decorations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS

from jregion._palette import MISSING_COLOR
from jregion.crs import check_plausible_crs
from jregion.errors import CRSError, GeometryError
from jregion.plotting._geometry import laid_out, polygon_paths
from jregion.plotting._layers import (
    PointLayer,
    draw_labels,
    draw_points,
    draw_region_overlay,
    names_for,
)
from jregion.plotting._layout import get_layout
from jregion.plotting._scalebar import add_north_arrow, add_scale_bar
from jregion.plotting._styles import PlotOptionError, Preset

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["MapOptions", "check_frame", "crs_key", "draw_map", "new_figure"]

Labels = Literal["en", "ja"] | None

#: Smallest type size of the attribution line, in points at the figure's printed size.
ATTRIBUTION_MIN_PT = 6.0

#: Outline and hatching of missing values: dark enough to read in colour and in grayscale.
MISSING_EDGE = "#202020"


@dataclass(frozen=True, kw_only=True)
class MapOptions:
    """Options shared by every map panel (internal; built by keyword)."""

    crs: str
    inset: bool
    ogasawara: bool
    regions: str | Mapping[object, str] | gpd.GeoDataFrame | None
    points: PointLayer | gpd.GeoDataFrame | gpd.GeoSeries | None
    labels: Labels
    preset: Preset


def crs_key(crs: Any) -> str:
    """Return a hashable string for a CRS given as text, EPSG code or pyproj CRS."""
    if isinstance(crs, str):
        return crs
    try:
        return str(CRS.from_user_input(crs).to_wkt())
    except Exception as err:  # pyproj raises CRSError of its own
        raise CRSError(f"cannot read CRS {crs!r}: {err}") from err


def check_frame(gdf: object, column: str | None = None) -> gpd.GeoDataFrame:
    """Validate a GeoDataFrame input (and a column in it)."""
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(
            f"expected a GeoDataFrame, got {type(gdf).__name__}; "
            "join your table to jregion.load_prefectures() with jregion.attach(...)"
        )
    if gdf.crs is None:
        raise CRSError("the GeoDataFrame has no CRS; set one with .set_crs('EPSG:4326')")
    if column is not None and column not in gdf.columns:
        raise PlotOptionError(f"column {column!r} not found; columns are {list(gdf.columns)}")
    missing = gdf.geometry.isna().to_numpy()
    if missing.any():
        rows = gdf.index[missing].tolist()[:10]
        raise GeometryError(
            f"{int(missing.sum())} row(s) have no geometry (None), e.g. {rows}; a map needs a "
            "shape per row: drop those rows, or take the geometry from "
            "jregion.load_prefectures() with jregion.attach(...)"
        )
    check_plausible_crs(gdf, what="the GeoDataFrame")
    return gdf


def check_text(text: str | None, what: str) -> None:
    """Raise PlotOptionError if matplotlib cannot render ``text`` (bad mathtext in ``$...$``)."""
    if not text:
        return
    from matplotlib import cbook
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import MathTextParser

    if not cbook.is_math_text(text):
        return
    try:
        MathTextParser("path").parse(text, dpi=72, prop=FontProperties())
    except ValueError as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise PlotOptionError(
            f"{what} {text!r} is not valid matplotlib mathtext ({first}); text between two "
            "'$' is read as mathematics: escape a literal dollar sign as '\\$', or fix "
            "the formula"
        ) from None


def new_figure(preset: Preset, *, nrows: int = 1, ncols: int = 1) -> tuple[Figure, list[Axes]]:
    """Create a figure of the preset's width with ``nrows`` x ``ncols`` map panels."""
    from matplotlib.figure import Figure

    width, height = preset.figsize
    if nrows * ncols > 1:
        height = width / ncols * nrows * 0.95 + 0.4
    fig = Figure(figsize=(width, height), layout=None)
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel().tolist()
    if _wide(width, height) and nrows * ncols == 1:
        # slides: map on the left, legend outside it on the right
        fig.subplots_adjust(left=0.03, right=0.62, bottom=0.06, top=0.95)
        axes[0].set_anchor("E")
    else:
        # foot room for four lines at 6 pt: the credit and the notes (add_attribution)
        foot = 0.02 + 4 * ATTRIBUTION_MIN_PT * 1.3 / 72 / height
        fig.subplots_adjust(
            left=0.01, right=0.99, bottom=max(0.06, foot), top=0.95, wspace=0.02, hspace=0.08
        )
    return fig, axes


def _wide(width: float, height: float) -> bool:
    return width / height > 1.4


#: Above this many rows, fill edges are drawn as hairlines.
_FINE_UNITS = 300


def draw_map(
    ax: Axes,
    gdf: gpd.GeoDataFrame,
    facecolors: Sequence[str],
    missing: np.ndarray[Any, Any],
    opts: MapOptions,
) -> list[tuple[Any, str]]:
    """Draw fills (``gid="fills"``, one path per row in row order), insets and layers.

    Returns extra legend handles (points).
    """
    from matplotlib.collections import PathCollection
    from matplotlib.patches import Rectangle

    layout = get_layout(opts.crs)
    projected = gdf.geometry.to_crs(opts.crs)
    geoms, zones = laid_out(projected, layout, inset=opts.inset, ogasawara=opts.ogasawara)
    paths = polygon_paths(geoms)
    lw = opts.preset.line_width
    # many small units (municipalities): hairline edges, or the edges hide the fills
    edge_lw, edge = (lw, "#404040") if len(gdf) <= _FINE_UNITS else (lw * 0.15, "#606060")
    fills = PathCollection(
        paths, facecolors=list(facecolors), edgecolors=edge, linewidths=edge_lw, zorder=2
    )
    fills.set_gid("fills")
    ax.add_collection(fills)
    if missing.any():
        hatch = PathCollection(
            [p for p, m in zip(paths, missing, strict=True) if m],
            facecolors="none",
            edgecolors=MISSING_EDGE,
            linewidths=0,
            hatch="////",
            zorder=2,
        )
        hatch.set_gid("missing")
        ax.add_collection(hatch)
    used = set().union(*zones) if zones else set()
    bounds = [shapely.total_bounds(np.array([g for g in geoms if g is not None], dtype=object))]
    for name in ("okinawa", "ogasawara"):
        if name in used:
            x0, y0, x1, y1 = layout.insets[name].frame
            frame = Rectangle(
                (x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="black", lw=lw * 2, zorder=4
            )
            frame.set_gid(f"inset-{name}")
            ax.add_patch(frame)
            bounds.append(np.array([x0, y0, x1, y1]))
    handles: list[tuple[Any, str]] = []
    if opts.regions is not None:
        draw_region_overlay(
            ax,
            opts.regions,
            crs=opts.crs,
            layout=layout,
            inset=opts.inset,
            ogasawara=opts.ogasawara,
            line_width=lw,
        )
    if opts.points is not None:
        _, handles = draw_points(
            ax, opts.points, crs=opts.crs, layout=layout, inset=opts.inset, ogasawara=opts.ogasawara
        )
    b = np.vstack(bounds)
    x0, y0 = b[:, 0].min(), b[:, 1].min()
    x1, y1 = b[:, 2].max(), b[:, 3].max()
    pad = 0.02 * max(x1 - x0, y1 - y0)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    if "hidden" in used:
        _omitted_islands_note(ax, ogasawara=opts.ogasawara, font_size=opts.preset.font_size)
    if opts.labels is not None:
        ax.apply_aspect()  # labels are placed in display space, so the limits must be final
        draw_labels(ax, geoms, names_for(gdf, opts.labels), font_size=opts.preset.font_size * 0.75)
    return handles


def _omitted_islands_note(ax: Axes, *, ogasawara: bool, font_size: float) -> None:
    """Say on the map which of Tokyo's remote islands are not drawn (``gid="islands-omitted"``)."""
    text = (
        "Not drawn: Okinotorishima and Minamitorishima (Tokyo), outside the Ogasawara inset"
        if ogasawara
        else "Not drawn: Tokyo's islands south of 29° N (the Ogasawara Islands)"
    )
    note = ax.text(
        0.0,
        0.0,
        text,
        transform=ax.transAxes,
        ha="left",
        va="bottom",
        fontsize=max(ATTRIBUTION_MIN_PT, 0.75 * font_size),
        color="#333333",
        zorder=7,
    )
    note.set_gid("islands-omitted")


def decorate(ax: Axes, opts: MapOptions, *, scale_bar: bool, north_arrow: bool) -> None:
    """Scale bar and north arrow (after the limits and the legend are final).

    The bar starts at 40 % of the axes width; when the legend reaches that far
    (narrow maps of a few prefectures), the bar moves left of it.
    """
    if scale_bar:
        x = 0.40
        leg = ax.get_legend()
        fig = ax.get_figure(root=True)
        if leg is not None and fig is not None:
            fig.draw_without_rendering()
            bb = leg.get_window_extent().transformed(ax.transAxes.inverted())
            if bb.x0 < x + 0.24 and bb.y0 < 0.12:
                x = max(0.02, bb.x0 - 0.26)
        add_scale_bar(ax, opts.crs, x=x)
    if north_arrow:
        add_north_arrow(ax, opts.crs)


def set_map_title(fig: Figure, ax: Axes, title: str | None, *, own_figure: bool) -> None:
    """Title the map; on a figure jregion made, make room so the title is not clipped."""
    if not title:
        return
    check_text(title, "title")
    if own_figure:
        fig.subplots_adjust(top=0.90)
    ax.set_title(title)


#: Map notes (gids) that are moved from the map to the foot of the figure, above the credit.
FOOT_NOTES = ("islands-omitted", "labels-omitted")


def _wrap(text: str, width: int) -> str:
    """Wrap at spaces to ``width`` half-width columns (a CJK character counts two)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        trial = f"{line} {word}" if line else word
        if line and sum(2 if ord(ch) > 0x2E80 else 1 for ch in trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return "\n".join([*lines, line])


def add_attribution(fig: Figure, text: str | None) -> None:
    """Write the credit (``gid="attribution"``) and the map's notes along the figure's foot.

    Notes a map made (islands not drawn, labels left out) are moved from the map to lines
    above the credit, wrapped to the figure width, in the foot room :func:`new_figure` keeps
    (the margins are not changed afterwards: labels were placed for this map size). Every line
    is at least ``ATTRIBUTION_MIN_PT``.
    """
    from matplotlib import rcParams

    size = max(ATTRIBUTION_MIN_PT, 0.75 * float(rcParams["font.size"]))
    width_pt = fig.get_size_inches()[0] * 72
    columns = max(40, int(width_pt / (size * 0.52)))
    line_h = size * 1.3 / 72 / fig.get_size_inches()[1]
    foot = [t for t in fig.texts if t.get_gid() in ("attribution", *FOOT_NOTES)]
    shown = {t.get_text().replace("\n", " ") for t in foot}
    blocks: list[tuple[str, str]] = []
    if text:
        blocks.append(("attribution", text))
    for ax in fig.axes:
        for note in [t for t in ax.texts if t.get_gid() in FOOT_NOTES]:
            if note.get_text() not in shown:  # two panels may leave out the same islands
                blocks.append((str(note.get_gid()), note.get_text()))
                shown.add(note.get_text())
            note.remove()
    # above what an earlier panel of this figure already wrote at the foot
    y = max([0.01] + [t.get_position()[1] + (t.get_text().count("\n") + 1) * line_h for t in foot])
    for gid, body in blocks:
        wrapped = "\n".join(_wrap(line, columns) for line in body.split("\n"))
        t = fig.text(0.01, y, wrapped, ha="left", va="bottom", fontsize=size, color="#333333")
        t.set_gid(gid)
        y += (wrapped.count("\n") + 1) * line_h


def legend_handles(
    colors: Sequence[str], labels: Sequence[str], counts: Sequence[int], n_missing: int, lang: str
) -> list[tuple[Any, str]]:
    """Legend entries ``label (count)`` plus a hatched missing entry when needed."""
    from matplotlib.patches import Patch

    out: list[tuple[Any, str]] = [
        (Patch(facecolor=c, edgecolor="#404040", lw=0.4), f"{lab} ({n:,})")
        for c, lab, n in zip(colors, labels, counts, strict=True)
    ]
    if n_missing:
        word = "データなし" if lang == "ja" else "No data"
        patch = Patch(facecolor=MISSING_COLOR, edgecolor=MISSING_EDGE, hatch="////", lw=0.4)
        out.append((patch, f"{word} ({n_missing})"))
    return out


def place_legend(
    ax: Axes, handles: list[tuple[Any, str]], title: str | None, *, ogasawara: bool
) -> None:
    """Legend in the Pacific corner (centre right when the Ogasawara inset is there)."""
    if not handles:
        return
    check_text(title, "legend title")
    anchor = (1.0, 0.0)
    loc: Literal["lower right", "center left"] = "lower right"
    fig = ax.get_figure(root=True)
    if fig is not None and _wide(*fig.get_size_inches()) and len(fig.axes) == 1:
        anchor, loc, ogasawara = (1.03, 0.5), "center left", False
    if ogasawara:
        # just above the Ogasawara frame, which takes the lower-right corner
        frames = [p for p in ax.patches if p.get_gid() == "inset-ogasawara"]
        if frames:
            top = frames[0].get_bbox().y1  # type: ignore[attr-defined]
            y0, y1 = ax.get_ylim()
            anchor = (1.0, (top - y0) / (y1 - y0) + 0.01)
    leg = ax.legend(
        [h for h, _ in handles],
        [t for _, t in handles],
        title=title,
        loc=loc,
        bbox_to_anchor=anchor,
        frameon=False,
        handlelength=1.2,
        borderaxespad=0.2,
    )
    leg.set_gid("legend")


def attribution_text(attribution: bool | str, labels: Labels) -> str | None:
    """Return the attribution line: MLIT's by default, a custom string, or none."""
    from jregion.boundaries import attribution as mlit

    if attribution is True:
        return mlit(lang="ja" if labels == "ja" else "en")
    if attribution is False:
        return None
    return str(attribution)
