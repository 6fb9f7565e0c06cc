"""The jregion command. jregion atlas remakes the study's figures from bundled data.

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

__all__ = ["build_parser", "main"]

DESCRIPTION = (
    "jregion: economic geography of Japan's regions. The atlas command remakes the "
    "study's figures and tables from the bundled, sourced data."
)
ATLAS_HELP = "write the atlas of figures and tables (and index.html) to a folder"
EPILOG = "Example: python -m jregion atlas --out atlas"


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("jregion")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the jregion command."""
    parser = argparse.ArgumentParser(prog="jregion", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"jregion {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    atlas = sub.add_parser(
        "atlas",
        help=ATLAS_HELP,
        description=ATLAS_HELP.capitalize() + ".",
        epilog="Progress (one line per entry, with its time) goes to stderr; "
        "the paths written go to stdout.",
    )
    atlas.add_argument("--out", default="atlas", help="output folder (default: ./atlas)")
    atlas.add_argument(
        "--format", default="png", choices=["png", "pdf", "svg"], help="figure format"
    )
    atlas.add_argument(
        "--only",
        nargs="+",
        metavar="ENTRY",
        default=None,
        help="write only these entries (see --list), e.g. high_technology",
    )
    atlas.add_argument(
        "--force",
        action="store_true",
        help="overwrite files that already exist in the output folder",
    )
    atlas.add_argument(
        "--estat",
        metavar="FILE",
        default=None,
        help="your e-Stat download with 1990 manufacturing figures "
        "(SSDS C3401/C3403/C3404): Figure 3 is also drawn for 1990-2005",
    )
    atlas.add_argument("--list", action="store_true", help="list the entries and exit")
    return parser


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """Return a sub-command's parser (to print its usage with an error found after parsing)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[name]
            return found
    raise KeyError(name)  # pragma: no cover - build_parser adds every sub-command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the jregion command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command != "atlas":  # pragma: no cover - argparse enforces the sub-command
        return 2
    from jregion.atlas import ENTRIES, build_atlas, entry_files
    from jregion.errors import AtlasOutputError, JRegionError

    if args.list:
        for name, entry in ENTRIES.items():
            files = ", ".join(entry_files([name], fmt=args.format))
            sys.stdout.write(f"{name:<24} {entry.description}  [{files}]\n")
        return 0
    unknown = [n for n in args.only or () if n not in ENTRIES]
    if unknown:
        _subparser(parser, "atlas").error(
            f"unknown atlas entries {unknown}; choose from {', '.join(ENTRIES)}"
        )

    def progress(line: str) -> None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()

    try:
        written = build_atlas(
            args.out,
            fmt=args.format,
            only=args.only,
            force=args.force,
            estat=args.estat,
            progress=progress,
        )
    except AtlasOutputError as err:
        sys.stderr.write(f"jregion atlas: error: {err}\n")
        return 2
    except (JRegionError, OSError) as err:
        sys.stderr.write(f"jregion atlas: error: {err}\n")
        return 1
    for path in written:
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
