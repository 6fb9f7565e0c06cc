"""record.json (what the atlas was made from), the web maps and index.html (the HTML atlas)."""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from jregion._manifest import dataset_info, list_datasets
from jregion.atlas._build import Context, Output

__all__ = ["KEY_PACKAGES", "index_html", "record_json", "web_maps"]

KEY_PACKAGES = (
    "numpy",
    "pandas",
    "geopandas",
    "shapely",
    "pyproj",
    "matplotlib",
    "folium",
    "scipy",
    "libpysal",
    "esda",
)


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _plain(value: Any) -> Any:
    """Manifest entries are read-only mappings and tuples: make them JSON values."""
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def record_json(ctx: Context) -> Output:
    """Write record.json: versions, datasets (manifest entries), each entry's inputs, options.

    Everything but ``created`` and ``versions`` is byte-stable across runs with the same options.
    """
    used: set[str] = set()
    entries: dict[str, Any] = {}
    for name, out in ctx.done.items():
        datasets = [str(d) for d in out.inputs.get("datasets", [])]
        used.update(datasets)
        entries[name] = {
            "title": out.title,
            "files": [p.name for p in out.paths],
            "source": out.source,
            "inputs": out.inputs,
        }
    known = set(list_datasets().index)
    record = {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": {
            "jregion": _version("jregion"),
            "python": platform.python_version(),
            **{p: _version(p) for p in KEY_PACKAGES},
        },
        "options": ctx.options,
        "datasets": {d: _plain(dataset_info(d)) for d in sorted(used & known)},
        "entries": entries,
    }
    path = ctx.out / "record.json"
    path.write_text(
        json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True, default=str) + "\n",
        encoding="utf-8",
    )
    return Output(
        (path,),
        "Record of this atlas",
        "Versions, datasets and inputs.",
        "",
        {"entries": sorted(entries)},
        kind="note",
    )


def web_maps(ctx: Context) -> Output:
    """Interactive maps (offline HTML, Leaflet inlined): employment change and its LISA."""
    from jregion.atlas._maps import CENSUS, LISA_PERMUTATIONS, LISA_SEED, _nice_bins
    from jregion.autocorrelation import local_moran
    from jregion.boundaries import load_prefectures
    from jregion.explore import explore_choropleth, explore_lisa, save_html
    from jregion.indicators import load_indicator
    from jregion.weights import prefecture_graph

    m = load_indicator("manufacturing")["persons_employed"].unstack("year")
    change = ((m[2005] / m[2000] - 1) * 100).round(2)
    web = load_prefectures(resolution="web")
    web["change_pct"] = change.reindex(web.index)
    label = "Manufacturing employment change 2000-2005"
    bins, _ = _nice_bins(web["change_pct"], 5.0)
    fmap = explore_choropleth(web, "change_pct", bins=bins, units="%", label=label)
    a = save_html(fmap, ctx.out / "web_manufacturing_change.html", assets="inline")
    lisa = local_moran(
        (m[2005] / m[2000] - 1).rename("change"),
        prefecture_graph(),
        permutations=LISA_PERMUTATIONS,
        seed=LISA_SEED,
    )
    lmap = explore_lisa(
        lisa,
        geometry=web[["name_en", "name_ja", "geometry"]],
        name="LISA clusters: employment change",
    )
    b = save_html(lmap, ctx.out / "web_lisa_manufacturing_change.html", assets="inline")
    return Output(
        (a, b),
        "Interactive maps",
        f"{label} (%), and its LISA clusters; offline.",
        "",
        {
            "datasets": [CENSUS, "prefectures_web"],
            "years": [2000, 2005],
            "permutations": LISA_PERMUTATIONS,
            "seed": LISA_SEED,
        },
        kind="web",
    )


_STYLE = """body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#222}
figure{margin:2rem 0}img{max-width:100%;border:1px solid #ddd}figcaption{font-size:.9rem}
table{border-collapse:collapse;font-size:.8rem}td,th{border:1px solid #ccc;padding:2px 6px}
iframe{width:100%;height:520px;border:1px solid #ccc}pre{white-space:pre-wrap;font-size:.8rem}
.source{color:#555}"""


def _figure(path: Path, out: Output) -> str:
    kind = {".png": "image/png", ".svg": "image/svg+xml"}.get(path.suffix)
    cap = (
        f"<figcaption><b>{html.escape(out.title)}</b>. {html.escape(out.caption)} "
        f"<span class='source'>Source: {html.escape(out.source)}</span></figcaption>"
    )
    if kind is None:  # PDF: browsers cannot show it inline offline everywhere; link it
        return f"<figure><a href='{html.escape(path.name)}'>{path.name}</a>{cap}</figure>"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (
        f"<figure id='{html.escape(path.stem)}'><img alt='{html.escape(out.title)}' "
        f"src='data:{kind};base64,{data}'>{cap}</figure>"
    )


def _table(path: Path, out: Output) -> str:
    head = f"<h3>{html.escape(out.title)}</h3><p>{html.escape(out.caption)}</p>"
    if path.suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        return head + frame.to_html(index=False, escape=True, border=0)
    return head + f"<pre>{html.escape(path.read_text(encoding='utf-8'))}</pre>"


def index_html(ctx: Context) -> Output:
    """Write index.html: every figure (embedded), table, note and web map in one offline file."""
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>jregion atlas</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>jregion atlas</h1>",
        "<p>The study's figures and tables remade from jregion's bundled, sourced data. "
        "This page is self-contained: it needs no network.</p>",
    ]
    sections: dict[str, list[str]] = {"figure": [], "table": [], "web": [], "note": []}
    for out in ctx.done.values():
        for path in out.paths:
            if out.kind == "figure":
                sections["figure"].append(_figure(path, out))
            elif out.kind == "web":
                doc = html.escape(path.read_text(encoding="utf-8"), quote=True)
                sections["web"].append(
                    f"<h3>{html.escape(path.stem)}</h3>"
                    f"<iframe title='{html.escape(path.stem)}' "
                    f'srcdoc="{doc}"></iframe>'
                )
            elif path.suffix in (".csv", ".md"):
                sections["table" if out.kind == "table" else "note"].append(_table(path, out))
    titles = {
        "figure": "Figures",
        "table": "Tables",
        "web": "Interactive maps",
        "note": "Sources and gaps",
    }
    for key, items in sections.items():
        if items:
            parts.append(f"<h2 id='{key}'>{titles[key]}</h2>")
            parts += items
    parts.append("</body></html>")
    path = ctx.out / "index.html"
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return Output((path,), "HTML atlas", "", "", {"entries": sorted(ctx.done)}, kind="index")
