"""Atlas maps of sites: the universities and each programme's sourced sites per area."""

from __future__ import annotations

from typing import Any

from jregion._manifest import dataset_info
from jregion.atlas import _maps
from jregion.atlas._build import Context, Output
from jregion.atlas._maps import _map
from jregion.boundaries import load_prefectures
from jregion.codes import prefecture_table
from jregion.regions import load_regions
from jregion.sites import SiteProgram, load_sites

__all__ = ["fig_meti_clusters", "fig_universities", "programme_map"]

# Figures are saved through ``_maps._save``, looked up when called, so that one seam keeps
# every figure's artists (tests/test_atlas.py replaces it to inspect what was drawn).


def fig_universities(ctx: Context) -> Output:
    """Figure 2: imperial universities and numbered higher schools (present-day Japan)."""
    from jregion.plotting import PointLayer

    sites = load_sites("universities")
    outside = sites["outside_present_day_japan"].astype(bool)
    shown = sites[~outside & sites.geometry.notna()]
    shown = shown.assign(kind=shown["type"].str.replace("_", " ").str.capitalize())
    prefs = load_prefectures()
    codes = list(prefecture_table().index)
    prefs["institutions"] = shown["pref_code"].value_counts().reindex(codes, fill_value=0)
    prefs["institutions"] = prefs["institutions"].astype(float)
    proxy = shown["location_basis"].str.startswith("proxy")
    note = (
        f"{int((~proxy).sum())} of {len(shown)} sites at their campus (Wikipedia infobox "
        f"coordinates, cited per row), {int(proxy.sum())} at their prefecture's office (no "
        "sourced coordinates); nearby sites are drawn side by side, each joined to its point. "
        f"Not drawn: {', '.join(sites.loc[outside, 'name'])} (outside present-day Japan)."
    )
    info = dataset_info("sites_universities")
    fig, _ax = _map(
        prefs,
        "institutions",
        bins=[0, 1, 2],
        cmap="Greys",
        regions="eight",
        points=PointLayer(shown, color="kind"),
        legend_title="Institutions",
        title="Imperial universities and numbered higher schools, 1886-1939",
        data_credit=f"{info['publisher']}; {note}",
    )
    path = _maps._save(fig, ctx, "fig2_imperial_universities")
    return Output(
        (path,),
        "Imperial universities and numbered higher schools, 1886-1939",
        note,
        str(info["publisher"]),
        {
            "datasets": ["sites_universities"],
            "scheme": "eight",
            "sites": len(shown),
            "sites_at_office_proxy": int(proxy.sum()),
        },
    )


def programme_map(program: SiteProgram, title: str, legend: str, stem: str) -> Any:
    """Return an entry that maps a programme's sourced sites per prefecture."""

    def entry(ctx: Context) -> Output:
        from jregion.plotting import PointLayer

        sites = load_sites(program)
        prefs = load_prefectures()
        codes = list(prefecture_table().index)
        prefs["n"] = sites["pref_code"].value_counts().reindex(codes, fill_value=0).astype(float)
        k = int(prefs["n"].max())
        points = None
        datasets = [f"sites_{program}"]
        if program == "technopolis":
            points = PointLayer(load_sites("tsukuba"), label="Tsukuba Science City")
            datasets.append("sites_tsukuba")
        info = dataset_info(f"sites_{program}")
        missing = info.get("missing") or []
        credit = (
            f"{info['publisher']} ({info['vintage']}); sourced rows only, "
            f"{len(missing)} gaps listed in MISSING.md."
        )
        fig, _ = _map(
            prefs,
            "n",
            bins=list(range(k + 1)),
            cmap="YlGnBu",
            regions="eight",
            points=points,
            legend_title=legend,
            title=title,
            data_credit=credit,
        )
        path = _maps._save(fig, ctx, stem)
        return Output(
            (path,),
            title,
            f"Sourced rows only; {len(missing)} gaps in MISSING.md.",
            str(info["publisher"]),
            {"datasets": datasets, "scheme": "eight"},
        )

    entry.__doc__ = title
    return entry


def fig_meti_clusters(ctx: Context) -> Output:
    """METI Industrial Cluster projects per regional-bureau area (the programme's own unit)."""
    sites = load_sites("meti_clusters")
    regions = load_regions("meti")
    per_bureau = sites.groupby("meti_region")["site_id"].nunique()
    regions["projects"] = per_bureau.reindex(regions.index, fill_value=0).astype(float)
    k = int(regions["projects"].max())
    info = dataset_info("sites_meti_clusters")
    title = "METI Industrial Cluster projects per bureau area, FY2006-2007"
    credit = (
        f"{info['publisher']} ({info['vintage']}); projects counted by the bureau that "
        "runs them (most projects' prefectures are not stated by any source)."
    )
    fig, _ = _map(
        regions,
        "projects",
        bins=list(range(k + 1)),
        cmap="YlGnBu",
        labels="en",
        legend_title="Projects (sourced)",
        title=title,
        data_credit=credit,
    )
    path = _maps._save(fig, ctx, "fig_meti_clusters")
    return Output(
        (path,),
        title,
        "Sourced projects per METI bureau area.",
        str(info["publisher"]),
        {"datasets": ["sites_meti_clusters"], "scheme": "meti"},
    )
