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


def api_pages(docs: Path) -> None:
    """Write ``api/index.rst``, one page per group and the command-line page."""
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
    """Write the data pages: SOURCES.md and MISSING.md, the same text the atlas writes."""
    from jregion.atlas._notes import missing_markdown, sources_markdown

    out = docs / OUT / "data"
    out.mkdir(parents=True, exist_ok=True)
    (out / "sources.md").write_text(sources_markdown(), encoding="utf-8")
    (out / "missing.md").write_text(missing_markdown(), encoding="utf-8")
    index = [
        "# Data\n",
        "Every file under `data/` has an entry in `data/manifest.json`: its source, licence,",
        "vintage, units, definitions and the command that rebuilds it, and what is missing and",
        "why. These pages are generated from the manifest, as the atlas's SOURCES.md and",
        "MISSING.md are.\n",
        "```{toctree}",
        ":maxdepth: 1\n",
        "sources",
        "missing",
        "```",
        "",
    ]
    (out / "index.md").write_text("\n".join(index), encoding="utf-8")


def gallery_pages(docs: Path) -> None:
    """Run the atlas and write one gallery section per entry, with the code that made it."""
    from jregion.atlas import ENTRIES, build_atlas, entry_files

    out = docs / OUT / "gallery"
    atlas = out / "atlas"  # not a source folder (conf.exclude_patterns)
    build_atlas(atlas, fmt="png")
    lines = [
        "# Gallery\n",
        "Every entry of `jregion atlas`, made while this site was built, from the bundled data.",
        "Below each is the code of its atlas entry (`jregion.atlas.ENTRIES`). The same files are",
        "written by `python -m jregion atlas --out atlas`.\n",
    ]
    for name, entry in ENTRIES.items():
        if name in ("record", "index", "missing", "sources"):
            continue  # the data pages show the notes; record.json and index.html are the run's
        lines += [f"## {name}\n", entry.description + "\n"]
        for file in entry_files([name]):
            path = atlas / file
            if path.suffix == ".png":
                lines.append(f"![{name}](atlas/{file})\n")
            elif path.suffix == ".md":
                lines += [f"```{{include}} atlas/{file}", ":heading-offset: 2", "```\n"]
            else:
                lines.append(f"Download: {{download}}`{file} <atlas/{file}>`\n")
        lines += ["```python", inspect.getsource(entry.run).rstrip(), "```\n"]
    lines += example_sections(out)
    (out / "index.md").write_text("\n".join(lines), encoding="utf-8")


#: Example scripts run for the gallery, with the arguments that keep the build short.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "study_claims.py": ("--out", "{out}"),
    "municipal_clusters.py": ("--out", "{out}"),
    "okinawa_mesh.py": ("--out", "{out}"),
    "establishments_at_scale.py": ("--scale", "0.02"),
}


def example_sections(gallery: Path) -> list[str]:
    """Run each example script; return a section with its output, figures and code."""
    import subprocess
    import sys

    lines = ["# Example scripts\n", "Each script in `examples/` was run while this site was",
             "built; below are what it printed, the figures it wrote and its code.\n"]
    for script, args in EXAMPLES.items():
        out = gallery / "examples" / Path(script).stem
        out.mkdir(parents=True)
        argv = [a.replace("{out}", str(out)) for a in args]
        proc = subprocess.run(
            [sys.executable, str(ROOT / "examples" / script), *argv],
            capture_output=True, text=True, cwd=out, check=False, timeout=600,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"examples/{script} failed:\n{proc.stderr[-3000:]}")
        lines += [f"## {script}\n", f"`python examples/{script} {' '.join(args)}`\n"]
        lines += ["```text", proc.stdout.rstrip().replace(str(out), "OUT"), "```\n"]
        for png in sorted(out.rglob("*.png")):
            lines.append(f"![{png.stem}]({png.relative_to(gallery).as_posix()})\n")
        rel = Path("..", "..", "..", "examples", script).as_posix()
        lines += [f"```{{literalinclude}} {rel}", ":language: python", "```\n"]
    return lines


def notebook_pages(docs: Path) -> None:
    """Copy the example notebooks next to the other pages; MyST-NB executes them."""
    out = docs / OUT / "notebooks"
    out.mkdir(parents=True)
    names = []
    for nb in sorted((ROOT / "examples" / "notebooks").glob("*.ipynb")):
        shutil.copy2(nb, out / nb.name)
        names.append(nb.stem)
    index = ["# Notebooks\n", "Executed while this site was built.\n"]
    index += ["```{toctree}", ":maxdepth: 1"]
    (out / "index.md").write_text("\n".join([*index, *names, "```", ""]), encoding="utf-8")


def write_all(docs: Path) -> None:
    """Write every generated page, after removing those of an earlier build."""
    shutil.rmtree(docs / OUT, ignore_errors=True)
    api_pages(docs)
    data_pages(docs)
    gallery_pages(docs)
    notebook_pages(docs)
