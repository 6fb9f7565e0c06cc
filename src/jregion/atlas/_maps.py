"""What every atlas figure shares: page width, credits, the map call, class bins and saving.

Every figure carries its data credit (dataset, table and year) next to the boundary credit, at
6 pt or more at the printed width (170 mm), and fills the page width. The figures themselves are
in one module per family: ``_fig_rd_gdp`` (the R&D line chart), ``_fig_sites`` (universities and
programme sites), ``_fig_manufacturing`` (employment change and its LISA) and
``_fig_high_technology``. Each computes with the analysis layer and draws with plotting, and
saves through :func:`_save` here.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from jregion._manifest import dataset_info
from jregion._optional import import_optional
from jregion.atlas._build import Context
from jregion.boundaries import attribution as boundary_credit

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["CENSUS", "CREDIT_PT", "LISA_ALPHA", "LISA_PERMUTATIONS", "LISA_SEED", "WIDTH_MM"]

#: Printed width of every atlas figure (two journal columns), mm.
WIDTH_MM = 170.0
#: Credit type size at the printed width, points.
CREDIT_PT = 6.0
#: Significance level, permutations and seed of the LISA figure.
LISA_ALPHA, LISA_PERMUTATIONS, LISA_SEED = 0.05, 999, 2005
CENSUS = "manufacturing_census"


def _credit_text(data: str) -> str:
    """Return the data credit, then the boundary credit, wrapped to the figure width."""
    text = f"Data: {data} {boundary_credit(lang='en')}."
    return _wrap(text)


def _wrap(text: str, width: int = 150) -> str:
    """Wrap to ``width`` half-width columns (a CJK character counts two) at 6 pt on 170 mm."""
    from jregion.plotting._base import _wrap as wrap_columns

    return wrap_columns(text, width)


def _census_credit(years: str) -> str:
    info = dataset_info(CENSUS)
    return (
        f"{info['publisher']}, Census of Manufacture (工業統計調査), prefecture totals of "
        f"manufacturing, establishments with 4 or more persons, {years} (dataset {CENSUS})."
    )


def _foot_lines(fig: Figure) -> int:
    """Lines of text at the figure's foot: the credit and the map's notes."""
    foot = ("attribution", "islands-omitted", "labels-omitted")
    return sum(t.get_text().count("\n") + 1 for t in fig.texts if t.get_gid() in foot)


def _fit_page(fig: Figure, ax: Axes, *, title: bool = True) -> None:
    """Resize the figure so the map fills the 170 mm width; room for the title and the foot."""
    credit_lines = _foot_lines(fig)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    width = WIDTH_MM / 25.4
    left, right = 0.01, 0.99
    map_h = width * (right - left) * (y1 - y0) / (x1 - x0)
    top_h = 0.32 if title else 0.05
    bottom_h = 0.06 + credit_lines * CREDIT_PT * 1.25 / 72
    height = map_h + top_h + bottom_h
    fig.set_size_inches(width, height)
    fig.subplots_adjust(left=left, right=right, bottom=bottom_h / height, top=1 - top_h / height)
    _restack_foot(fig)


def _restack_foot(fig: Figure) -> None:
    """Stack the foot texts again, bottom up, after the figure's height changed."""
    foot = ("attribution", "islands-omitted", "labels-omitted")
    texts = sorted((t for t in fig.texts if t.get_gid() in foot), key=lambda t: t.get_position()[1])
    line_h = CREDIT_PT * 1.3 / 72 / fig.get_size_inches()[1]
    y = 0.01
    for t in texts:
        t.set_position((0.01, y))
        y += (t.get_text().count("\n") + 1) * line_h


def _save(fig: Figure, ctx: Context, stem: str) -> Path:
    from jregion.plotting import save_figure

    path = save_figure(fig, ctx.out / f"{stem}.{ctx.fmt}")
    import_optional("matplotlib.pyplot").close(fig)
    return path


def _map(
    gdf: Any, column: str, *, data_credit: str, title: str, **options: Any
) -> tuple[Figure, Axes]:
    """One choropleth at page width with Ogasawara in its inset and the full credit."""
    from jregion.plotting import plot_choropleth

    credit = _credit_text(data_credit)
    fig, ax = plot_choropleth(
        gdf,
        column,
        preset="journal-double",
        ogasawara=True,
        title=title,
        attribution=credit,
        **options,
    )
    _fit_page(fig, ax)
    return fig, ax


def _relabel_legend(ax: Axes, labels: list[str]) -> None:
    """Replace the class labels of a legend (keeping each ``(count)``) with readable breaks."""
    leg = ax.get_legend()
    if leg is None:
        return
    for text, label in zip(leg.get_texts(), labels, strict=False):
        count = text.get_text().rsplit(" (", 1)
        text.set_text(f"{label} ({count[1]}" if len(count) == 2 else label)


def _nice_bins(values: pd.Series, step: float) -> tuple[list[float], list[str]]:
    """Class upper bounds at multiples of ``step`` and labels such as "−15 to −10"."""
    lo = math.floor(float(values.min()) / step) * step
    hi = math.ceil(float(values.max()) / step) * step
    edges = list(np.arange(lo, hi + step / 2, step))
    labels = [f"{a:g} to {b:g}".replace("-", "−") for a, b in itertools.pairwise(edges)]
    return [float(e) for e in edges[1:]], labels


def _quantile_bins(values: pd.Series, k: int) -> list[float]:
    """Upper class bounds near the k-quantiles, rounded to two significant figures.

    Computed here (numpy) rather than through a classification scheme, so the atlas does not
    import mapclassify (whose import compiles numba code: seconds per process).
    """
    v = values.dropna().to_numpy(dtype=float)
    raw = np.quantile(v, np.arange(1, k) / k)

    def round2(x: float) -> float:
        if x == 0:
            return 0.0
        digits = 1 - math.floor(math.log10(abs(x)))
        return float(round(x, digits))

    bins = sorted({round2(float(x)) for x in raw} | {float(v.max())})
    return [b for b in bins if b <= v.max()]
