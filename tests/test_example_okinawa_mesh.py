"""examples/okinawa_mesh.py runs end to end on the real Okinawa file and says what it shows."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
rasterio = pytest.importorskip("rasterio")


@pytest.mark.slow
def test_okinawa_mesh_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["okinawa_mesh.py", "--out", str(tmp_path)])
    module = runpy.run_path(str(ROOT / "examples" / "okinawa_mesh.py"))
    table = module["main"]()
    printed = capsys.readouterr().out
    assert (tmp_path / "okinawa_mesh.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the file's own totals (tests/fixtures/estat_mesh, column sums of the raw file)
    assert "157 cells" in printed and "persons engaged 5,460" in printed
    assert "manufacturing (Ｅ製造業) 439 in 38 cells" in printed
    assert len(table) == 157 and table["manufacturing"].sum() == 439
    # LQ by hand for the largest manufacturing cell: (63 / 439) / (64 / 5460)
    assert table.loc["392860202", "lq"] == pytest.approx((63 / 439) / (64 / 5460))
    # the LISA classes add up to the cells, and High-High cells have an LQ above average
    counts = dict(
        re.findall(
            r"^(High-High|Low-Low|Low-High|High-Low|Not significant)\s+(\d+)$", printed, flags=re.M
        )
    )
    assert sum(int(v) for v in counts.values()) == 157
    hot = table[table["lisa"] == "High-High"]
    assert int(counts["High-High"]) == len(hot)
    assert (hot["lq_eb"] > table["lq_eb"].mean()).all()
    # the GeoTIFF holds the manufacturing figures cell by cell
    with rasterio.open(tmp_path / "okinawa_manufacturing_persons.tif") as ds:
        data = ds.read(1)
        assert ds.tags()["variable"] == "manufacturing_persons_engaged"
        assert data[data != ds.nodata].sum() == 439
    assert "aggregate_mesh {'47': 439.0}" in printed
