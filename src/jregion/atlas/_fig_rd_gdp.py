"""Figure 1 of the atlas: R&D expenditure as a share of GDP (a line chart, not a map)."""

from __future__ import annotations

from jregion._manifest import dataset_info
from jregion._optional import import_optional
from jregion.atlas import _maps
from jregion.atlas._build import Context, Output
from jregion.atlas._maps import CREDIT_PT, WIDTH_MM, _wrap
from jregion.indicators import load_indicator

__all__ = ["fig_rd_gdp"]

# Figures are saved through ``_maps._save``, looked up when called, so that one seam keeps
# every figure's artists (tests/test_atlas.py replaces it to inspect what was drawn).


def fig_rd_gdp(ctx: Context) -> Output:
    """Figure 1: R&D expenditure as % of GDP, 1995-2005 (OECD MSTI via NSF)."""
    plt = import_optional("matplotlib.pyplot")
    from jregion.plotting import OKABE_ITO, get_preset
    from jregion.plotting._styles import style_context

    rd = load_indicator("rd_gdp")["gerd_pct_gdp"].unstack("economy")
    info = dataset_info("rd_gdp")
    names = {"EU": "EU-28"}  # the manifest: the SEI 2020 aggregate is EU-28 including the UK
    # Okabe-Ito without its yellow, which has too little contrast on white
    palette = [c for c in OKABE_ITO if c != "#F0E442"] + ["#999999"]
    preset = get_preset("journal-double")
    caption = (
        "OECD MSTI values (GERD/GDP, international definition); they differ from the MEXT "
        "national-definition figures the study quotes."
    )
    source = str(info["attribution"]).removeprefix("Source: ")
    credit = _wrap(f"Data: {source}. Note: {caption}")
    with style_context(preset):
        fig, ax = plt.subplots(figsize=(WIDTH_MM / 25.4, WIDTH_MM / 25.4 * 0.52))
        fig.subplots_adjust(left=0.08, right=0.82, bottom=0.24, top=0.91)
        order = rd.loc[rd.index.max()].sort_values(ascending=False).index
        for i, economy in enumerate(order):
            ax.plot(
                rd.index,
                rd[economy],
                "-" if economy == "Japan" else "--",
                marker="o",
                ms=3,
                label=names.get(economy, economy),
                color=palette[i % len(palette)],
                lw=2.4 if economy == "Japan" else 1.2,
            )
        first, last = int(rd.index.min()), int(rd.index.max())
        ax.set_ylabel("GERD as % of GDP")
        ax.set_xlabel("Year")
        ax.set_title(f"R&D expenditure as a share of GDP, {first}-{last}")
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
        ax.grid(alpha=0.3)
        t = fig.text(0.01, 0.01, credit, fontsize=CREDIT_PT, va="bottom", color="#333333")
        t.set_gid("attribution")
    path = _maps._save(fig, ctx, "fig1_rd_gdp")
    return Output(
        (path,),
        f"R&D expenditure as a share of GDP, {first}-{last}",
        caption,
        str(info["attribution"]),
        {
            "datasets": ["rd_gdp"],
            "years": [first, last],
            "economies": [names.get(e, e) for e in order],
        },
    )
