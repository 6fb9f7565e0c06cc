"""Regenerate the README's images from the atlas itself.

Run from the repository root: python scripts/readme_images.py

Builds the atlas entries shown in the README (with ``jregion.atlas.build_atlas``, exactly as
``jregion atlas`` does) into a temporary folder and writes web-sized copies (900 px wide) to
docs/images/. Nothing is drawn here: the images are the atlas figures, only resampled.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image

from jregion.atlas import build_atlas

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
ENTRIES = ["rd_gdp", "universities", "manufacturing_change", "high_technology", "lisa"]
WIDTH = 900


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        written = build_atlas(Path(tmp), only=ENTRIES, progress=lambda s: print(s, file=sys.stderr))
        for path in written:
            if path.suffix != ".png" or path.name.startswith("fig3b_"):
                continue
            with Image.open(path) as im:
                height = round(im.height * WIDTH / im.width)
                small = im.convert("RGB").resize((WIDTH, height), Image.Resampling.LANCZOS)
                # flat map colours: a 256-colour palette keeps them exact and the file small
                small.quantize(colors=256).save(OUT / path.name, optimize=True)
            print(OUT / path.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
