"""examples/municipal_clusters.py runs end to end and its figure holds what it says."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_municipal_clusters_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["municipal_clusters.py", "--out", str(tmp_path)])
    module = runpy.run_path(str(ROOT / "examples" / "municipal_clusters.py"))
    table = module["main"]()
    printed = capsys.readouterr().out
    png = tmp_path / "municipal_clusters.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "792 cities" in printed and "2 components" in printed
    # the LISA on densities puts High-High cities around Tokyo, Osaka and Nagoya
    assert table.loc[["11", "13", "27", "23"], "high_high_cities"].gt(10).all()
    # Hokkaido's cities are not High-High (low density), yet a source names METI projects there
    assert table.loc["01", "high_high_cities"] == 0 and table.loc["01", "meti_project_stated"]
    # every High-High city is counted once: the per-prefecture counts add up to the class count
    hh = re.search(r"^High-High\s+(\d+)$", printed, flags=re.M)
    assert hh is not None and int(hh.group(1)) == int(table["high_high_cities"].sum())
