"""examples/establishments_at_scale.py runs end to end on a small synthetic file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("dask_geopandas")
pytest.importorskip("distributed")


@pytest.mark.slow
def test_establishments_example_runs_small() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])]
    )
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "establishments_at_scale.py"), "--scale", "0.02"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "SYNTHETIC establishments" in out
    # 2 % of the 181,877 establishments of 2019, rounded per prefecture
    assert "3,638 points" in out
    assert "points assigned to the prefecture they were drawn in: 100.00%" in out
    assert "LQ by prefecture, JSIC 28" in out
    assert "occupied 1 km cells" in out
    assert "equal to the in-memory result: True" in out
