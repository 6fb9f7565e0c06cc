"""The example notebooks: committed without outputs, and every cell runs (offline, nbclient)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

import jregion

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "examples" / "notebooks")
                   .glob("*.ipynb"))


def test_notebooks_exist() -> None:
    assert {p.name for p in NOTEBOOKS} >= {"spatial_regression.ipynb", "concentration.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_are_stripped(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {i} has outputs; clear them"
            assert cell.execution_count is None, f"{path.name} cell {i} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_markdown_states_no_typed_numbers(path: Path) -> None:
    """Numbers about results come from code cells; markdown has only years, section numbers and
    method settings (a bandwidth of 6 neighbours, establishments with 4 or more persons)."""
    import re

    nb = nbformat.read(path, as_version=4)
    years = {"1990", "2000", "2005", "2009", "2016", "2019"}
    allowed = years | {str(i) for i in range(7)}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            numbers = set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?%?", cell.source))
            assert numbers <= allowed, (path.name, numbers - allowed)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nbclient import NotebookClient

    # The kernel imports the same jregion as this test run (worktree or installed).
    src = str(Path(jregion.__file__).resolve().parent.parent)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # ipykernel's inline backend draws PNGs
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # a failing cell raises CellExecutionError
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    if path.stem == "spatial_regression":
        assert "model chosen by the rule" in text and "Lowest AIC" in text
        assert "| Moran's I (residuals) |" in text
        assert len(images) >= 2  # residual map and LISA map
        assert any("jregion-models" in o["data"]["text/html"] for o in html)  # model table
    else:
        assert "Tokaido-belt share:" in text and "JSIC groups left out" in text
        assert len(images) >= 4  # belt share, primacy, Theil, shift-share
        assert any("TheilDecomposition" in o["data"]["text/html"] for o in html)
    assert list(tmp_path.iterdir()) == []  # the notebooks write no files
