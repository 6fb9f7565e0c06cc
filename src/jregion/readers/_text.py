"""Decode user files: try the encodings e-Stat serves, name them all when none fits."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence

from jregion.errors import EncodingError, LayoutError

__all__ = ["DEFAULT_ENCODINGS", "LayoutError", "decode_file", "read_rows"]

#: Tried in this order: UTF-8 (with or without BOM), then CP932
#: (Windows Shift_JIS, a superset of Shift_JIS).
DEFAULT_ENCODINGS: tuple[str, ...] = ("utf-8-sig", "cp932")


def decode_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> tuple[str, str]:
    """Return the text of a file and the encoding that decoded it.

    ``encoding=None`` tries :data:`DEFAULT_ENCODINGS` in order (strict decoding, so a wrong
    guess fails rather than producing mojibake). Text with NUL characters counts as a
    failure: CP932 decodes UTF-16 bytes without error, but no CSV holds NUL.
    """
    with open(path, "rb") as fh:
        raw = fh.read()
    tried: Sequence[str] = (encoding,) if encoding else DEFAULT_ENCODINGS
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise EncodingError(
                f"unknown encoding {encoding!r}; use e.g. 'cp932' (Shift_JIS) or 'utf-8-sig'"
            ) from None
    where = ""
    for enc in tried:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as err:
            where = f" ({enc} fails at line {_line_of(raw, err.start)})"
            continue
        except LookupError:
            continue
        if "\x00" in text:  # UTF-16/32 or binary bytes that a lenient codec let through
            continue
        return text.removeprefix("\ufeff"), enc
    for enc in tried:  # a download cut inside a multi-byte character is not an encoding issue
        for k in (1, 2, 3):
            try:
                text = raw[:-k].decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
            if "\x00" not in text and len(raw) > k:
                raise LayoutError(
                    f"{os.fspath(path)!r} is truncated: it ends in the middle of a character "
                    f"on line {_line_of(raw, len(raw) - k)} ({enc} decodes everything but the "
                    f"last {k} byte(s)); download the file again"
                )
    if b"\x00" in raw:
        nul = _line_of(raw, raw.find(b"\x00"))
        where = f" (line {nul} holds NUL bytes: UTF-16 or not a text file)"
    raise EncodingError(
        f"could not decode {os.fspath(path)!r} with {', '.join(tried)}{where}; "
        "e-Stat downloads are Shift_JIS/CP932 or UTF-8 (with BOM): re-save the file in one "
        "of them, or pass encoding='...' if you know it"
    )


def _line_of(raw: bytes, offset: int) -> int:
    """Return the 1-based line number of a byte offset."""
    return raw.count(b"\n", 0, offset) + 1


def read_rows(text: str) -> tuple[list[list[str]], list[int]]:
    """Parse CSV text into rows of stripped cells (blank lines kept as empty rows).

    Returns the rows and the 1-based line each row starts on (a quoted cell with line
    breaks makes its row span several lines). Text that ends inside a quoted cell (a
    download cut in the middle of a value) raises :class:`LayoutError` saying the file
    is truncated, rather than reading the fragment.
    """
    try:
        rows, lines = _parse(text, strict=True)
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            lines_in = text.count("\n") + 1
            raise LayoutError(
                f"the file is truncated: it ends inside a quoted cell (line {lines_in}); "
                "download it again"
            ) from None
        rows, lines = _parse(text, strict=False)  # lenient on other quirks
    return [[c.strip() for c in row] for row in rows], lines


def _parse(text: str, *, strict: bool) -> tuple[list[list[str]], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=strict)
    rows: list[list[str]] = []
    lines: list[int] = []
    last = 0
    for row in reader:
        rows.append(row)
        lines.append(last + 1)
        last = reader.line_num  # the line the row ends on
    return rows, lines
