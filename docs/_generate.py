"""Pages of the documentation site that are generated at build time.

Each function writes plain reST or MyST files under ``docs/_generated/`` (ignored by git), so the
site cannot drift from the code or the data:

- :func:`api_pages`: the API reference, one page per group of ``src/jregion/__init__.pyi``;
- :func:`cli_page`: the command line, from the argparse parser;
- :func:`data_pages`: every dataset of ``data/manifest.json`` with its stated gaps;
- :func:`gallery_pages`: the atlas figures, each with the code that made it;
- :func:`notebook_pages`: the notebooks of ``examples/notebooks/``, executed by MyST-NB.
"""

from __future__ import annotations

import ast
import inspect
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STUB = ROOT / "src" / "jregion" / "__init__.pyi"
OUT = "_generated"


@dataclass(frozen=True)
class Group:
    """One section of the API reference: a comment heading in the stub and the names below it."""

    title: str
    names: tuple[str, ...]

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower().split("(")[0]).strip("-")


def api_groups(stub: Path = STUB) -> list[Group]:
    """Return the groups of public names, in the order of ``__init__.pyi``."""
    text = stub.read_text(encoding="utf-8")
    headings = {
        i + 1: line[1:].strip()
        for i, line in enumerate(text.splitlines())
        if line.startswith("# ") and not line.startswith("# noqa")
    }
    groups: list[tuple[str, list[str]]] = []
    for node in ast.parse(text).body:
        if not isinstance(node, ast.ImportFrom):
            continue
        above = [ln for ln in headings if ln < node.lineno]
        title = headings[max(above)] if above else "Other"
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        groups[-1][1].extend(alias.name for alias in node.names)
    return [Group(title, tuple(names)) for title, names in groups]


def _title(text: str, char: str = "=") -> str:
    return f"{text}\n{char * len(text)}\n"


def api_pages(docs: Path) -> list[str]:
    """Write ``api/index.rst`` and one page per group; return every documented name."""
    out = docs / OUT / "api"
    out.mkdir(parents=True, exist_ok=True)
    groups = api_groups()
    index = [
        _title("API reference"),
        "Every public name of ``jregion``, generated from its docstring. The groups follow the",
        "library's layers: data and codes, joins, analysis, presentation. Every name is importable",
        "from the top level (``jregion.to_code``).\n",
        ".. toctree::\n   :maxdepth: 1\n",
    ]
    index += [f"   {g.slug}" for g in groups] + ["   cli", ""]
    (out / "index.rst").write_text("\n".join(index), encoding="utf-8")
    for g in groups:
        lines = [
            _title(g.title),
            ".. currentmodule:: jregion\n",
            ".. autosummary::\n   :toctree: generated\n",
        ]
        lines += [f"   {name}" for name in g.names] + [""]
        (out / f"{g.slug}.rst").write_text("\n".join(lines), encoding="utf-8")
    cli_page(out)
    return [name for g in groups for name in g.names]


def cli_page(out: Path) -> None:
    """Write the command-line page from the parser's own help."""
    from jregion.cli import build_parser

    parser = build_parser()
    parts = [_title("Command line (``jregion``)"), "::\n", _indent(parser.format_help())]
    for name, sub in _subparsers(parser).items():
        parts += [_title(f"jregion {name}", "-"), "::\n", _indent(sub.format_help())]
    (out / "cli.rst").write_text("\n".join(parts), encoding="utf-8")


def _subparsers(parser: object) -> dict[str, object]:
    import argparse

    assert isinstance(parser, argparse.ArgumentParser)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _indent(text: str) -> str:
    return "\n".join(f"   {line}" if line else "" for line in text.splitlines()) + "\n"


def data_pages(docs: Path) -> None:
    """Write ``data.md``: every dataset's source, licence, vintage, units and stated gaps."""
    from jregion._manifest import dataset_info, list_datasets

    out = docs / OUT
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Data\n",
        "Every file under `data/` as described by `data/manifest.json`: `jregion.list_datasets()`",
        "lists them and `jregion.dataset_info(name)` returns one entry.\n",
    ]
    for name in list_datasets().index:
        info = dataset_info(name)
        lines.append(f"## {name}\n")
        lines.append(f"**{info.get('title', name)}**\n")
        for key in ("publisher", "source_table", "url", "vintage", "licence", "attribution",
                    "crs", "rows", "build"):
            value = info.get(key)
            if value not in (None, "", [], {}):
                lines.append(f"- {key.replace('_', ' ')}: {value}")
        for key in ("units", "definitions"):
            table = info.get(key) or {}
            if table:
                lines.append(f"- {key}:")
                lines += [f"  - `{k}`: {v}" for k, v in table.items()]
        missing = info.get("missing") or []
        if isinstance(missing, str):
            missing = [missing]
        lines.append("- missing: " + ("none stated" if not missing else ""))
        lines += [f"  - {m}" for m in missing]
        lines.append("")
    (out / "data.md").write_text("\n".join(lines), encoding="utf-8")


def gallery_pages(docs: Path) -> None:
    """Run the atlas and write one gallery section per figure, with the code that made it."""
    from jregion.atlas import ENTRIES, build_atlas

    out = docs / OUT / "gallery"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    paths = build_atlas(out / "atlas", fmt="png")  # not a source folder (conf.exclude_patterns)
    lines = [
        "# Gallery\n",
        "Every figure of `jregion atlas`, made while this site was built, from the bundled data.",
        "Below each figure is the code of its atlas entry (`jregion.atlas.ENTRIES`). The same",
        "figures are written by `python -m jregion atlas --out atlas`.\n",
    ]
    for (name, entry), path in zip(ENTRIES.items(), paths, strict=True):
        lines.append(f"## {name}\n")
        doc = inspect.getdoc(entry)
        if doc:
            lines.append(doc.splitlines()[0] + "\n")
        if path.suffix == ".png":
            lines.append(f"![{name}](atlas/{path.name})\n")
        elif path.suffix == ".md":
            lines += [f"```{{include}} atlas/{path.name}", ":heading-offset: 2", "```\n"]
        else:
            lines.append(f"Writes {{download}}`{path.name} <atlas/{path.name}>`.\n")
        lines += ["```python", inspect.getsource(entry).rstrip(), "```\n"]
    (out / "index.md").write_text("\n".join(lines), encoding="utf-8")


def notebook_pages(docs: Path) -> list[str]:
    """Copy the example notebooks next to the other pages; MyST-NB executes them."""
    out = docs / OUT / "notebooks"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    names = []
    for nb in sorted((ROOT / "examples" / "notebooks").glob("*.ipynb")):
        shutil.copy2(nb, out / nb.name)
        names.append(nb.stem)
    index = ["# Notebooks\n", "Executed while this site was built.\n"]
    index += ["```{toctree}", ":maxdepth: 1"]
    (out / "index.md").write_text("\n".join([*index, *names, "```", ""]), encoding="utf-8")
    return names


def write_all(docs: Path) -> None:
    """Write every generated page."""
    api_pages(docs)
    data_pages(docs)
    gallery_pages(docs)
    notebook_pages(docs)
