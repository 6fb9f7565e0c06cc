"""The atlas: the study's figures and tables, remade from bundled, sourced data.

``jregion atlas --out DIR`` (or :func:`build_atlas`) writes every entry of :data:`ENTRIES`, then
``record.json`` (versions, datasets, inputs) and ``index.html`` (the whole atlas in one offline
page). Figures whose data are not bundled (manufacturing in 1990, high-technology factories in
2005) are not drawn from substitutes of the same year: ``MISSING.md``, generated from the
manifest, says what is missing; ``--estat FILE`` draws 1990-2005 from a user's e-Stat download.

This is the command-line layer: it may use analysis and presentation together; the analysis is
done here, and the plotting functions draw what it returns.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from jregion.atlas._build import Context, Entry, Output, check_output, run_entries
from jregion.atlas._claims import claims_note, study_claims
from jregion.atlas._fig_high_technology import fig_high_technology
from jregion.atlas._fig_manufacturing import fig_employment_change, fig_lisa
from jregion.atlas._fig_rd_gdp import fig_rd_gdp
from jregion.atlas._fig_sites import fig_meti_clusters, fig_universities, programme_map
from jregion.atlas._notes import missing_note, sources_note
from jregion.atlas._record import index_html, record_json, web_maps
from jregion.atlas._tables import (
    table_concentration,
    table_frameworks,
    table_high_technology,
    table_prefectures,
)

__all__ = ["ENTRIES", "Entry", "Output", "build_atlas", "entry_files", "study_claims"]


def _fixed(*names: str) -> Callable[[Context], list[str]]:
    def files(ctx: Context) -> list[str]:
        return [n.replace("{fmt}", ctx.fmt) for n in names]

    return files


def _change_files(ctx: Context) -> list[str]:
    stems = [
        "fig3_manufacturing_change_2000_2005",
        "fig3b_manufacturing_change_2000_2005_prefectures",
    ]
    if ctx.estat is not None:
        stems += [
            "fig3_manufacturing_change_1990_2005",
            "fig3b_manufacturing_change_1990_2005_prefectures",
        ]
    return [f"{s}.{ctx.fmt}" for s in stems]


def _entries() -> dict[str, Entry]:
    mext = programme_map(
        "mext_clusters",
        "MEXT Knowledge Cluster and City Areas per prefecture (sourced rows)",
        "Areas",
        "fig_mext_clusters",
    )
    techno = programme_map(
        "technopolis",
        "Technopolis areas (1983 law) per prefecture, and Tsukuba",
        "Areas",
        "fig_technopolis",
    )
    table = [
        ("rd_gdp", _fixed("fig1_rd_gdp.{fmt}"), fig_rd_gdp),
        ("universities", _fixed("fig2_imperial_universities.{fmt}"), fig_universities),
        ("manufacturing_change", _change_files, fig_employment_change),
        (
            "high_technology",
            _fixed(
                "fig4_high_technology_2019.{fmt}", "fig4b_high_technology_regions_2014_2019.{fmt}"
            ),
            fig_high_technology,
        ),
        ("meti_clusters", _fixed("fig_meti_clusters.{fmt}"), fig_meti_clusters),
        ("mext_clusters", _fixed("fig_mext_clusters.{fmt}"), mext),
        ("technopolis", _fixed("fig_technopolis.{fmt}"), techno),
        ("lisa", _fixed("fig_lisa_manufacturing_change.{fmt}"), fig_lisa),
        (
            "web",
            _fixed("web_manufacturing_change.html", "web_lisa_manufacturing_change.html"),
            web_maps,
        ),
        ("concentration", _fixed("table_concentration_manufacturing.csv"), table_concentration),
        (
            "high_technology_regions",
            _fixed("table_high_technology_regions.csv"),
            table_high_technology,
        ),
        ("frameworks", _fixed("table1_frameworks.md"), table_frameworks),
        ("prefectures", _fixed("table_prefectures.csv"), table_prefectures),
        ("claims", _fixed("claims.md", "claims.csv"), claims_note),
        ("missing", _fixed("MISSING.md"), missing_note),
        ("sources", _fixed("SOURCES.md"), sources_note),
        ("record", _fixed("record.json"), record_json),
        ("index", _fixed("index.html"), index_html),
    ]
    out = {}
    for name, files, run in table:
        doc = (run.__doc__ or name).strip().splitlines()[0]
        out[name] = Entry(name, files, run, doc)
    return out


#: Atlas entries in output order (``record`` and ``index`` summarise those run before them).
ENTRIES: dict[str, Entry] = _entries()


def entry_files(names: Sequence[str], *, fmt: str = "png", estat: bool = False) -> list[str]:
    """File names the named entries write (for ``--list`` and the overwrite check)."""
    ctx = Context(Path("."), fmt=fmt, estat=Path("estat.csv") if estat else None)  # type: ignore[arg-type]
    return [f for n in names for f in ENTRIES[n].files(ctx)]


def build_atlas(
    out: str | os.PathLike[str],
    *,
    fmt: Literal["png", "pdf", "svg"] = "png",
    only: Sequence[str] | None = None,
    force: bool = False,
    estat: str | os.PathLike[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write the atlas entries to ``out`` and return the paths written.

    Parameters
    ----------
    out : str or path-like
        Output folder, created if needed. Must not be empty or a file.
    fmt : {"png", "pdf", "svg"}, default "png"
        Figure format.
    only : sequence of str, optional
        Entry names (keys of :data:`ENTRIES`) to write; default all.
    force : bool, default False
        Overwrite files that exist in ``out``; otherwise they raise.
    estat : str or path-like, optional
        A user's e-Stat download with 1990 manufacturing (read by
        :func:`jregion.read_census_manufacture`): Figure 3 is then also drawn for 1990-2005.
    progress : callable, optional
        Called with one line per entry (its time and files), e.g. ``print``.

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    ValueError
        For unknown entry names.
    jregion.errors.AtlasOutputError
        For an empty ``out``, a file, an unwritable folder, or existing files without ``force``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from jregion.atlas import build_atlas
    >>> with tempfile.TemporaryDirectory() as d:
    ...     names = [p.name for p in build_atlas(pathlib.Path(d), only=["frameworks"])]
    >>> names
    ['table1_frameworks.md']
    """
    names = list(ENTRIES) if only is None else list(only)
    unknown = [n for n in names if n not in ENTRIES]
    if unknown:
        raise ValueError(f"unknown atlas entries {unknown}; choose from {', '.join(ENTRIES)}")
    names = [n for n in ENTRIES if n in names]  # registry order: record and index come last
    folder = check_output(out, entry_files(names, fmt=fmt, estat=estat is not None), force=force)
    options = {
        "format": fmt,
        "only": list(only) if only is not None else None,
        "estat": Path(estat).name if estat is not None else None,
    }
    ctx = Context(
        folder, fmt=fmt, estat=Path(estat) if estat is not None else None, options=options
    )
    return run_entries([ENTRIES[n] for n in names], ctx, progress)
