"""Helpers for build scripts: hash files and upsert entries in data/manifest.json.

Each build script owns its entries (by name) and replaces only those, so several
scripts can write the one manifest.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared" / "data-sources"
MANIFEST = DATA / "manifest.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_env(*packages: str) -> dict[str, str]:
    env = {"python": platform.python_version()}
    for p in packages:
        env[p] = metadata.version(p)
    return env


def upsert(entries: list[dict[str, Any]]) -> None:
    """Insert or replace manifest entries by name; keep the file sorted and stable."""
    if MANIFEST.exists():
        doc = json.loads(MANIFEST.read_text(encoding="utf-8"))
    else:
        doc = {"manifest_version": 1, "datasets": []}
    by_name = {e["name"]: e for e in doc["datasets"]}
    for e in entries:
        by_name[e["name"]] = e
    doc["datasets"] = [by_name[k] for k in sorted(by_name)]
    MANIFEST.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
