"""Atlas maps of manufacturing employment: its change by region and prefecture, and its LISA."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pandas as pd

from jregion.atlas import _maps
from jregion.atlas._build import Context, Output
from jregion.atlas._maps import (
    CENSUS,
    LISA_ALPHA,
    LISA_PERMUTATIONS,
    LISA_SEED,
    _census_credit,
    _credit_text,
    _fit_page,
    _map,
    _nice_bins,
    _relabel_legend,
)
from jregion.boundaries import load_prefectures
from jregion.indicators import load_indicator
from jregion.regions import load_regions, region_of

__all__ = ["fig_employment_change", "fig_lisa"]

# Figures are saved through ``_maps._save``, looked up when called, so that one seam keeps
# every figure's artists (tests/test_atlas.py replaces it to inspect what was drawn).


def _regional_change(
    m: pd.DataFrame, start: int, end: int, scheme: Literal["eight", "nine"]
) -> pd.Series:
    regional = m[[start, end]].groupby(region_of(m.index, scheme=scheme).to_numpy()).sum()
    return (regional[end] / regional[start] - 1) * 100


def _change_figures(
    ctx: Context, m: pd.DataFrame, start: int, end: int, credit: str, stem: str
) -> list[Path]:
    change = _regional_change(m, start, end, "nine")
    regions = load_regions("nine")
    regions["change_pct"] = change.reindex(regions.index)
    regions["name_en"] = [
        f"{r}\n{v:+.1f} %".replace("-", "−") for r, v in regions["change_pct"].items()
    ]
    bins, labels = _nice_bins(regions["change_pct"], 5.0)
    fig, ax = _map(
        regions,
        "change_pct",
        bins=bins,
        cmap="Reds_r",
        labels="en",
        legend_title="Change (%)",
        data_credit=credit,
        title=f"Manufacturing employment change by region (nine regions), {start}-{end}",
    )
    _relabel_legend(ax, labels)
    paths = [_maps._save(fig, ctx, stem)]
    prefs = load_prefectures()
    prefs["change_pct"] = ((m[end] / m[start] - 1) * 100).reindex(prefs.index)
    bins, labels = _nice_bins(prefs["change_pct"], 10.0 if end - start > 10 else 5.0)
    fig, ax = _map(
        prefs,
        "change_pct",
        bins=bins,
        cmap="Reds_r",
        regions="nine",
        legend_title="Change (%)",
        data_credit=credit,
        title=f"Manufacturing employment change by prefecture, {start}-{end}",
    )
    _relabel_legend(ax, labels)
    paths.append(_maps._save(fig, ctx, stem.replace("fig3_", "fig3b_") + "_prefectures"))
    return paths


def fig_employment_change(ctx: Context) -> Output:
    """Figure 3: manufacturing employment change by region; 1990-2005 with ``--estat``."""
    m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    paths = _change_figures(
        ctx, m, 2000, 2005, _census_credit("2000 and 2005"), "fig3_manufacturing_change_2000_2005"
    )
    inputs: dict[str, Any] = {
        "datasets": [CENSUS],
        "years": [2000, 2005],
        "scheme": "nine",
        "variable": "persons_employed",
    }
    caption = (
        "2000-2005 from the bundled Census of Manufacture; the study's 1990 is not "
        "bundled (pass your e-Stat download with --estat FILE to draw 1990-2005)."
    )
    if ctx.estat is not None:
        from jregion.readers import read_census_manufacture

        user = read_census_manufacture(ctx.estat)["persons_employed"].unstack("year")
        name = ctx.estat.name
        credit = (
            f"the user's e-Stat download {name!r} (read by "
            "jregion.read_census_manufacture), persons employed in manufacturing, 1990 and 2005."
        )
        paths += _change_figures(
            ctx, user, 1990, 2005, credit, "fig3_manufacturing_change_1990_2005"
        )
        inputs["estat"] = {"file": name, "years": [1990, 2005]}
        caption = "1990-2005 from the user's e-Stat download; 2000-2005 from the bundled census."
    return Output(
        tuple(paths),
        "Manufacturing employment change by region",
        caption,
        _census_credit("2000 and 2005"),
        inputs,
    )


def fig_lisa(ctx: Context) -> Output:
    """LISA of manufacturing employment change 2000-2005 by prefecture (Japan links)."""
    from jregion.autocorrelation import local_moran
    from jregion.plotting import plot_lisa
    from jregion.weights import prefecture_graph

    m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    change = (m[2005] / m[2000] - 1).rename("change")
    prefs = load_prefectures()
    graph = prefecture_graph()
    result = local_moran(change, graph, permutations=LISA_PERMUTATIONS, seed=LISA_SEED)
    method = (
        f"Local Moran's I, α = {LISA_ALPHA}, {LISA_PERMUTATIONS} conditional permutations, "
        f"seed {LISA_SEED}; weights: queen contiguity plus Japan's fixed links "
        "(jregion.prefecture_graph, row-standardised)."
    )
    credit = _credit_text(f"{_census_credit('2000 and 2005')} {method}")
    title = "Local Moran clusters: manufacturing employment change 2000-2005"
    fig, ax = plot_lisa(
        result,
        prefs,
        preset="journal-double",
        regions="eight",
        title=title,
        attribution=credit,
        ogasawara=True,
    )
    _fit_page(fig, ax)
    path = _maps._save(fig, ctx, "fig_lisa_manufacturing_change")
    return Output(
        (path,),
        title,
        method,
        _census_credit("2000 and 2005"),
        {
            "datasets": [CENSUS, "adjacency", "fixed_links"],
            "years": [2000, 2005],
            "weights": "prefecture_graph (queen + fixed links, row-standardised)",
            "permutations": LISA_PERMUTATIONS,
            "seed": LISA_SEED,
            "alpha": LISA_ALPHA,
        },
    )
