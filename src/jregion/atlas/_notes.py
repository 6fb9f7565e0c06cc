"""MISSING.md and SOURCES.md, generated from ``data/manifest.json`` (nothing restated by hand)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jregion._manifest import dataset_info, list_datasets
from jregion.atlas._build import Context, Output

__all__ = [
    "STUDY_FIGURES", "missing_markdown", "missing_note", "sources_markdown", "sources_note"
]

#: The study's figures: (figure, atlas entry or None, dataset and text of the manifest gap that
#: stops the atlas from drawing it as the study does, or the reason when no dataset is involved).
STUDY_FIGURES: tuple[tuple[str, str | None, str | None, str], ...] = (
    (
        "R&D expenditure as % of GDP, selected countries",
        "rd_gdp",
        None,
        "drawn from OECD MSTI, which differs from the MEXT national-definition figures the study "
        "quotes",
    ),
    ("Imperial universities and Number Schools", "universities", None, "drawn"),
    (
        "Manufacturing job losses by region, 1990-2005",
        "manufacturing_change",
        "manufacturing_census:1990",
        "drawn for 2000-2005; 1990-2005 with --estat FILE",
    ),
    (
        "High-technology factories by region, 2005",
        "high_technology",
        "manufacturing_jsic_4plus:2005",
        "drawn for 2019 per region and per prefecture, and per region for 2014 and 2016-2019 "
        "(Figure 4b and the table)",
    ),
    (
        "METI Industrial Cluster and MEXT Knowledge Cluster maps",
        "meti_clusters",
        None,
        "drawn from the sourced rows (gaps below)",
    ),
    (
        "The study's conceptual diagram of the innovation system",
        None,
        None,
        "not a data figure: it has no data to remake",
    ),
)


def _gap(key: str) -> str:
    name, word = key.split(":")
    for item in dataset_info(name).get("missing") or ():
        if isinstance(item, Mapping) and word in str(item.get("what", "")):
            return f"`{name}` lists as missing: {item['what']} ({item.get('reason', '')})"
    return f"`{name}` has no missing entry naming {word}"  # pragma: no cover - contract test


def _item(item: Any) -> str:
    if isinstance(item, Mapping):
        parts = [f"{k}: {v}" for k, v in item.items()]
        return "; ".join(parts)
    return str(item)


def missing_markdown() -> str:
    """Return the text of MISSING.md: the study's figures the atlas cannot make, then every gap."""
    lines = [
        "# What is missing",
        "",
        "Generated from `data/manifest.json` (each dataset's `missing` field) by "
        "`jregion atlas`; nothing here is written by hand.",
        "",
        "## The study's figures",
        "",
        "| Figure | Atlas entry | Status |",
        "|---|---|---|",
    ]
    for figure, entry, gap, status in STUDY_FIGURES:
        text = status + (f"; {_gap(gap)}" if gap else "")
        lines.append(f"| {figure} | {entry or '—'} | {text} |")
    lines += ["", "## Gaps in the bundled data, by dataset", ""]
    for name in list_datasets().index:
        info = dataset_info(name)
        missing = info.get("missing")
        if not missing:
            continue
        items = list(missing) if isinstance(missing, (list, tuple)) else [missing]
        if isinstance(missing, Mapping):
            items = [f"{k}: {v}" for k, v in missing.items()]
        withheld = [i for i in items if isinstance(i, Mapping) and "column" in i]
        other = [i for i in items if i not in withheld]
        lines.append(f"### {name} ({len(items)})")
        lines.append("")
        lines += [f"- {_item(i)}" for i in other]
        if withheld:
            lines += [
                "",
                "Withheld cells (the copies disagree; no second source):",
                "",
                "| Prefecture | Year | Column | Copies |",
                "|---|---|---|---|",
            ]
            for w in withheld:
                copies = "; ".join(
                    f"{k} {v}"
                    for k, v in w.items()
                    if k not in ("pref_code", "year", "column", "reason")
                )
                lines.append(f"| {w['pref_code']} | {w['year']} | {w['column']} | {copies} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def missing_note(ctx: Context) -> Output:
    """Write MISSING.md."""
    path = ctx.out / "MISSING.md"
    path.write_text(missing_markdown(), encoding="utf-8")
    return Output(
        (path,),
        "What is missing",
        "Generated from data/manifest.json.",
        "data/manifest.json",
        {"datasets": list(list_datasets().index)},
        kind="note",
    )


def sources_markdown() -> str:
    """Return SOURCES.md: source, table, vintage, licence, units and hash of each dataset.

    The documentation site's data page shows the same text.
    """
    lines = [
        "# Sources of the bundled data",
        "",
        "Generated from `data/manifest.json` (`jregion.list_datasets()`, "
        "`jregion.dataset_info(name)`).",
        "",
    ]
    for name in list_datasets().index:
        info = dataset_info(name)
        lines += [f"## {name}", ""]
        for key in (
            "title",
            "publisher",
            "source_table",
            "vintage",
            "url",
            "licence",
            "attribution",
            "crs",
            "rows",
            "sha256",
            "build",
        ):
            value = info.get(key)
            if value:
                lines.append(f"- {key}: {value}")
        for key in ("units", "definitions"):
            table = info.get(key) or {}
            if table:
                lines.append(f"- {key}:")
                lines += [f"  - `{k}`: {v}" for k, v in table.items()]
        lines.append("")
    return "\n".join(lines)


def sources_note(ctx: Context) -> Output:
    """Write SOURCES.md: source, table, vintage, licence, units and hash of each dataset."""
    path = ctx.out / "SOURCES.md"
    path.write_text(sources_markdown(), encoding="utf-8")
    return Output(
        (path,),
        "Sources of the bundled data",
        "Generated from data/manifest.json.",
        "data/manifest.json",
        {"datasets": list(list_datasets().index)},
        kind="note",
    )
