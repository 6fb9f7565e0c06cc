"""The ``jregion`` command: ``jregion atlas`` remakes the study's figures from bundled data.

Examples
--------
>>> from jregion.cli import build_parser
>>> build_parser().parse_args(["atlas", "--out", "figs"]).out
'figs'
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``jregion`` command."""
    parser = argparse.ArgumentParser(prog="jregion", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    atlas = sub.add_parser("atlas", help="write the atlas of figures and tables to a folder")
    atlas.add_argument("--out", default="atlas", help="output folder (default: ./atlas)")
    atlas.add_argument(
        "--format", default="png", choices=["png", "pdf", "svg"], help="figure format"
    )
    atlas.add_argument(
        "--only", nargs="+", metavar="ENTRY", default=None,
        help="write only these entries (names of jregion.atlas.ENTRIES, e.g. high_technology)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``jregion`` command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "atlas":
        from jregion.atlas import ENTRIES, build_atlas

        unknown = [n for n in args.only or () if n not in ENTRIES]
        if unknown:
            parser.error(f"unknown atlas entries {unknown}; choose from {', '.join(ENTRIES)}")
        written = build_atlas(Path(args.out), fmt=args.format, only=args.only)
        for path in written:
            sys.stdout.write(f"{path}\n")
        return 0
    return 2  # pragma: no cover - argparse enforces the sub-command


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
