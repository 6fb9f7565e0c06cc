"""Packaging, public API and import hygiene."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import jregion

ROOT = Path(__file__).resolve().parent.parent


def test_public_face_is_written_once_in_the_stub() -> None:
    """Each name in ``__init__.pyi`` is in ``__all__`` and resolves to its module's object."""
    import ast

    tree = ast.parse((ROOT / "src" / "jregion" / "__init__.pyi").read_text(encoding="utf-8"))
    typed = {
        alias.name: node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert all(
        alias.asname == alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ), "write 'name as name' so type checkers see a re-export"
    assert sorted(typed) == sorted(jregion.__all__)
    for name, module in typed.items():
        assert module is not None
        imported = __import__(f"jregion.{module}", fromlist=[name])
        assert getattr(jregion, name) is getattr(imported, name), name
    assert jregion.weights.FixedLink is jregion.FixedLink  # subpackages as attributes
    with pytest.raises(AttributeError, match="nope"):
        jregion.nope  # noqa: B018


def test_import_is_light_and_side_effect_free(tmp_path: Path) -> None:
    code = (
        "import sys, socket\n"
        "def no_net(*a, **k): raise RuntimeError('network used at import')\n"
        "socket.socket.connect = no_net\n"
        "import jregion\n"
        "heavy = ('matplotlib', 'folium', 'rasterio', 'mapclassify', 'branca', 'pandas',\n"
        "         'geopandas', 'libpysal', 'scipy', 'numpy')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    before = set(tmp_path.iterdir())
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout
    assert set(tmp_path.iterdir()) == before  # nothing written


@pytest.mark.slow
def test_wheel_contains_data_and_py_typed(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("jregion-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "jregion/py.typed" in names
    assert "jregion/data/manifest.json" in names
    data_files = {
        p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*") if p.is_file()
    }
    for rel in data_files:
        assert f"jregion/data/{rel}" in names, rel
    # the municipal layer stays under 5 MB in the wheel (issue 21; 2.0 MB when written)
    info = zipfile.ZipFile(wheel).getinfo("jregion/data/boundaries/municipalities.fgb")
    assert info.compress_size < 5_000_000
    # vendored Leaflet for offline web maps, with its licence
    for rel in ("leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/LICENSE", "README.md"):
        assert f"jregion/_assets/{rel}" in names, rel
