"""The documentation site: the API reference covers every public name, and the site builds.

The build (``bash scripts/docs.sh`` runs the same Sphinx command) executes every user-guide page,
the gallery (the whole atlas) and the notebooks, with warnings as errors, so a broken
cross-reference, a docstring that does not parse or a failing cell fails this test.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

import jregion

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _generate_module() -> object:
    spec = importlib.util.spec_from_file_location("_docs_generate", DOCS / "_generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_reference_groups_cover_every_public_name_once() -> None:
    groups = _generate_module().api_groups()  # type: ignore[attr-defined]
    names = [name for group in groups for name in group.names]
    assert sorted(names) == sorted(jregion.__all__)
    assert len(names) == len(set(names))
    titles = [group.title for group in groups]
    assert len(titles) == len(set(titles)), "a group heading appears twice in __init__.pyi"
    assert all(group.names for group in groups)


def test_every_public_name_has_a_docstring_with_an_example_or_is_data() -> None:
    lacking = [
        name
        for name in jregion.__all__
        if callable(getattr(jregion, name)) and not (getattr(jregion, name).__doc__ or "").strip()
    ]
    assert lacking == []


@pytest.mark.slow
def test_site_builds_offline_with_warnings_as_errors(tmp_path: Path) -> None:
    out = tmp_path / "html"
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         str(DOCS), str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    warnings = [
        ln for ln in proc.stderr.splitlines() if "WARNING" in ln and "IPKernelApp" not in ln
    ]
    assert proc.returncode == 0, "\n".join(warnings) or proc.stderr[-3000:]
    assert warnings == []
    pages = {p.stem for p in (out / "_generated" / "api" / "generated").glob("jregion.*.html")}
    missing = sorted(set(jregion.__all__) - {p.removeprefix("jregion.") for p in pages})
    assert missing == [], f"public names without a reference page: {missing}"
    for guide in ("estat", "schemes", "concentration", "weights", "esda", "regression", "maps",
                  "web"):
        html = (out / "guide" / f"{guide}.html").read_text(encoding="utf-8")
        assert "cell_output" in html, f"guide page {guide} shows no executed output"
    gallery = (out / "_generated" / "gallery" / "index.html").read_text(encoding="utf-8")
    assert gallery.count("<img") >= 8
    data = (out / "_generated" / "data.html").read_text(encoding="utf-8")
    for name in jregion.list_datasets().index:
        assert f'id="{name.replace("_", "-")}"' in data, name
    # offline: no page loads a script or a stylesheet from the network
    remote = re.compile(r'<(?:script|link)[^>]*(?:src|href)="https?://')
    assert [p.name for p in out.rglob("*.html") if remote.search(p.read_text("utf-8"))] == []
