"""Contract test: every file under data/ has a complete manifest entry that matches it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

import jregion
from jregion._manifest import data_root, path_of, sha256_of

ROOT = data_root()
DOC = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = {e["name"]: e for e in DOC["datasets"]}
REQUIRED = [
    "name",
    "path",
    "kind",
    "format",
    "title",
    "publisher",
    "source_table",
    "vintage",
    "licence",
    "units",
    "definitions",
    "rows",
    "columns",
    "sha256",
    "build",
]


def test_every_data_file_has_one_entry() -> None:
    files = {
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    described = [e["path"] for e in DOC["datasets"]]
    assert len(described) == len(set(described)), "a file is described twice"
    assert files == set(described)


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_entry_matches_file(name: str) -> None:
    e = ENTRIES[name]
    missing = [k for k in REQUIRED if k not in e]
    assert not missing, f"{name}: manifest entry lacks {missing}"
    assert (
        e["licence"]
        and e["publisher"]
        and e["build"].startswith(("python scripts/", "Rscript scripts/"))
    )
    p = path_of(name)
    assert sha256_of(p) == e["sha256"], f"{name}: file changed since the manifest was written"
    fmt = e["format"]
    if fmt in ("geojson", "flatgeobuf"):
        df = pyogrio.read_dataframe(p)
        assert e["crs"] == "EPSG:4326"
        assert df.crs is None or df.crs.to_epsg() == 4326
        cols = [*list(df.columns.drop("geometry")), "geometry"]
    elif fmt == "csv":
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
        cols = list(df.columns)
    else:
        pytest.fail(f"{name}: unknown format {fmt!r}")
    assert len(df) == e["rows"], f"{name}: {len(df)} rows, manifest says {e['rows']}"
    assert cols == list(e["columns"])
    for col in e["units"]:
        assert col in cols, f"{name}: units given for unknown column {col!r}"


def test_dataset_info_is_read_only_and_listed() -> None:
    info = jregion.dataset_info("prefectures")
    with pytest.raises(TypeError):
        info["rows"] = 1  # type: ignore[index]
    with pytest.raises(KeyError, match="available: "):
        jregion.dataset_info("nope")
    listed = jregion.list_datasets()
    assert set(listed.index) == set(ENTRIES)


def test_verify_dataset_detects_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jregion import _manifest

    _manifest.verify_dataset("prefectures")
    fake = tmp_path / "boundaries"
    fake.mkdir()
    (fake / "prefectures.fgb").write_bytes(b"not the file")
    monkeypatch.setattr(_manifest, "data_root", lambda: tmp_path)
    with pytest.raises(jregion.DataIntegrityError, match="rebuild it with: python scripts/"):
        _manifest.verify_dataset("prefectures")
