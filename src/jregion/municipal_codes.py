"""Municipal codes: 5-digit local-government codes from codes and names (2021-01-01).

:func:`to_municipal_code` reads one value, :func:`to_municipal_codes` a column.
Accepted forms (width- and space-insensitive):

- 5-digit codes ``"01100"`` (integers such as ``1100`` are read as 5-digit codes,
  since a leading zero is often lost in spreadsheets);
- 6-digit codes with the JIS X 0402 check digit, ``"011002"`` (the digit is verified);
- kanji names, with or without the prefecture: ``"横浜市緑区"``, ``"神奈川県横浜市緑区"``,
  ``"北海道 伊達市"``, ``"石狩郡当別町"``. A name that exists in more than one
  prefecture (``"伊達市"``) or city (``"緑区"``) is refused, listing the candidates.

Codes and names are those of MLIT N03 as of 2021-01-01. Codes that changed before
then (the Heisei mergers, 1999-2010, and later changes) are refused: jregion has no
sourced crosswalk from old to current codes. Kana and romaji names are not read (no
sourced list).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from jregion.codes import _check_digit, _is_missing, _object_values, to_codes
from jregion.errors import (
    AmbiguousNameError,
    MissingValueError,
    UnknownCodeError,
    UnmatchedKeyError,
)
from jregion.municipalities import BOUNDARY_DATE, _table

__all__ = ["to_municipal_code", "to_municipal_codes"]

_SEP_RE = re.compile(r"[\s\u3000_・]+")
_VINTAGE_HINT = (
    f"jregion's municipal codes and boundaries are those of {BOUNDARY_DATE} (MLIT N03); codes "
    "retired by the Heisei mergers (1999-2010) or later changes do not match and no sourced "
    "crosswalk ships, so recode the table to 2021 municipalities first"
)


def _norm(value: str) -> str:
    s = unicodedata.normalize("NFKC", value)
    s = s.replace("ヶ", "ケ").replace("ヵ", "カ")
    return _SEP_RE.sub("", s)


@functools.cache
def _names() -> dict[str, tuple[str, ...]]:
    """Map every normalised name form to the codes it may denote."""
    t = _table()
    forms: dict[str, set[str]] = {}

    def add(form: str, code: str) -> None:
        forms.setdefault(_norm(form), set()).add(code)

    pref_short = {
        "北海道": "北海道",
        "東京都": "東京",
        "京都府": "京都",
        "大阪府": "大阪",
    }
    records = t.reset_index().to_dict("records")
    for row in records:
        code = str(row["code"])
        pref = str(row["pref_ja"])
        prefixes = ["", pref]
        if pref in pref_short:
            prefixes.append(pref_short[pref])
        elif pref.endswith("県"):
            prefixes.append(pref[:-1])
        names = {str(row["full_name_ja"])}
        if row["kind"] != "ward":
            names.add(str(row["name_ja"]))
        if isinstance(row["county_ja"], str):
            names.add(row["county_ja"] + str(row["name_ja"]))
        if row["kind"] == "ward":
            names.add(str(row["name_ja"]))  # bare "緑区": usually ambiguous, then refused
        for prefix in prefixes:
            for name in names:
                add(prefix + name, code)
    return {k: tuple(sorted(v)) for k, v in forms.items()}


@functools.cache
def _code6() -> dict[str, str]:
    return {str(c6): str(c) for c, c6 in _table()["code6"].items()}


def _label(code: str) -> str:
    row = _table().loc[code]
    return f"{code} {row['pref_ja']}{row['full_name_ja']}"


def _digits_message(s: str) -> str:
    pref = s[:2]
    if len(s) == 6 and int(s[5]) != _check_digit(s[:5]):
        return (
            f"6-digit municipal code {s!r} has a wrong check digit: JIS X 0402 gives "
            f"{s[:5]}{_check_digit(s[:5])}; check the code, or pass the 5-digit code {s[:5]!r}"
        )
    five = s[:5]
    if pref not in {f"{i:02d}" for i in range(1, 48)}:
        return (
            f"{s!r} is not a municipal code: the first two digits must be a prefecture code 01..47"
        )
    if five[2:] == "000":
        return (
            f"{s!r} is the code of prefecture {pref} itself, not of a municipality; use "
            "jregion.to_code for prefectures, or drop prefecture rows before a municipal join"
        )
    same = [c for c in _table().index if c[:2] == pref]
    near = sorted(same, key=lambda c: abs(int(c) - int(five)))[:3]
    hint = ", ".join(_label(c) for c in sorted(near))
    return (
        f"unknown municipal code {s!r}: {_VINTAGE_HINT} "
        f"(nearest codes in prefecture {pref}: {hint})"
    )


class _UnknownError(Exception):
    def __init__(self, message: str, *, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.ambiguous = ambiguous


def _parse(value: object) -> str:
    """Return the 5-digit code of one value or raise _UnknownError with the message."""
    if isinstance(value, bool):
        raise _UnknownError(f"{value!r} is not a municipal code or name")
    if isinstance(value, (int, np.integer)):
        value = f"{int(value):05d}"
    elif isinstance(value, (float, np.floating)):
        f = float(value)
        if not f.is_integer():
            raise _UnknownError(f"{value!r} is not a municipal code")
        value = f"{int(f):05d}"
    if not isinstance(value, str):
        raise _UnknownError(f"{value!r} ({type(value).__name__}) is not a municipal code or name")
    s = _norm(value)
    t = _table()
    if s.isdigit():
        if len(s) == 5 and s in t.index:
            return s
        if len(s) == 6 and s in _code6():
            return _code6()[s]
        if len(s) in (5, 6):
            raise _UnknownError(_digits_message(s))
        raise _UnknownError(
            f"{value!r} is not a municipal code: use the 5-digit local-government code "
            "('01100') or the 6-digit code with its check digit ('011002')"
        )
    m = re.fullmatch(r"(\d{5,6})(\D.*)", s)
    if m:  # e-Stat area labels "01100 北海道 札幌市": code and name must agree
        by_code = _parse(m.group(1))
        if by_code in _names().get(m.group(2), ()):
            return by_code
        raise _UnknownError(
            f"{value!r}: the code {m.group(1)} ({_label(by_code)}) and the name disagree"
        )
    codes = _names().get(s)
    if codes is None:
        close = difflib.get_close_matches(s, list(_names()), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise _UnknownError(
            f"unknown municipality {value!r}{hint} (names as of {BOUNDARY_DATE}, in kanji "
            "with or without the prefecture, e.g. '横浜市緑区' or '北海道伊達市'; kana and romaji "
            "are not read)"
        )
    if len(codes) > 1:
        cands = "; ".join(_label(c) for c in codes)
        raise _UnknownError(
            f"municipality name {value!r} is ambiguous: it matches {len(codes)} units ({cands}); "
            "add the prefecture (the county 郡 or the city, for towns and wards), or use the code",
            ambiguous=True,
        )
    return codes[0]


def to_municipal_code(value: object) -> str:
    """Return the 5-digit local-government code of one municipality or ward.

    Parameters
    ----------
    value : object
        A 5-digit code (``"01100"``, ``1100``), a 6-digit code with its check digit
        (``"011002"``), or a name in kanji with or without its prefecture
        (``"横浜市緑区"``, ``"北海道伊達市"``, ``"福島県 伊達市"``).

    Returns
    -------
    str
        The 5-digit code as of 2021-01-01.

    Raises
    ------
    UnknownCodeError
        The value is no code or name of 2021-01-01 (the message names the value,
        says why and gives the nearest codes or names).
    AmbiguousNameError
        A name denotes several units (the message lists them with their codes).
    MissingValueError
        The value is missing.

    Examples
    --------
    >>> import jregion
    >>> [jregion.to_municipal_code(v) for v in ("01100", "011002", 1100, "横浜市緑区")]
    ['01100', '01100', '01100', '14113']
    >>> jregion.to_municipal_code("北海道伊達市"), jregion.to_municipal_code("福島県伊達市")
    ('01233', '07213')
    >>> jregion.to_municipal_code("伊達市")
    Traceback (most recent call last):
    ...
    jregion.errors.AmbiguousNameError: municipality name '伊達市' is ambiguous: it matches 2 units
    (01233 北海道伊達市; 07213 福島県伊達市); add the prefecture ...
    """
    if _is_missing(value):
        raise MissingValueError("municipality value is missing; drop or fill it before converting")
    try:
        return _parse(value)
    except _UnknownError as err:
        if err.ambiguous:
            raise AmbiguousNameError(str(err)) from None
        raise UnknownCodeError(str(err)) from None


def to_municipal_codes(
    values: pd.Series | pd.Index | Iterable[object],
    *,
    missing: Literal["raise", "keep"] = "raise",
) -> pd.Series:
    """Convert a column of municipal codes or names to 5-digit codes.

    Parameters
    ----------
    values : Series, Index or iterable
        Any mix of the forms :func:`to_municipal_code` reads.
    missing : {"raise", "keep"}, default "raise"
        Raise :class:`MissingValueError` on missing values, or keep them as None.

    Returns
    -------
    pandas.Series
        Codes as strings named ``"muni_code"``, with the index of ``values`` (a
        RangeIndex for other iterables).

    Raises
    ------
    UnknownCodeError, AmbiguousNameError
        Naming up to five distinct bad values with their first row and the reason.

    Examples
    --------
    >>> import jregion
    >>> jregion.to_municipal_codes(["13101", "大阪府堺市", "072133"]).tolist()
    ['13101', '27140', '07213']
    """
    arr, index = _object_values(values)
    kind = pd.api.types.infer_dtype(arr, skipna=True)
    is_bool = (
        np.zeros(len(arr), bool)
        if kind in ("string", "integer", "floating", "mixed-integer-float", "empty")
        else np.fromiter((isinstance(v, (bool, np.bool_)) for v in arr), bool, len(arr))
    )
    if is_bool.any():  # factorize would read True as 1
        pos = int(np.flatnonzero(is_bool)[0])
        raise UnknownCodeError(
            f"row {pos} (index {index[pos]!r}): {arr[pos]!r} is not a municipal code or name"
        )
    codes, uniques = pd.factorize(arr, use_na_sentinel=True)
    mapped: list[str | None] = []
    errors: list[str] = []
    n_bad = 0
    ambiguous = False
    for i, value in enumerate(uniques):
        try:
            mapped.append(_parse(value))
        except _UnknownError as err:
            mapped.append(None)
            n_bad += 1
            ambiguous |= err.ambiguous
            if len(errors) < 5:
                pos = int(np.flatnonzero(codes == i)[0])
                errors.append(f"row {pos} (index {index[pos]!r}): {err}")
    if n_bad:
        msg = "; ".join(errors)
        if n_bad > len(errors):
            msg += f"; and {n_bad - len(errors)} more bad values"
        raise (AmbiguousNameError if ambiguous and n_bad == 1 else UnknownCodeError)(msg)
    na = codes < 0
    if na.any() and missing == "raise":
        rows = np.flatnonzero(na)[:5].tolist()
        raise MissingValueError(
            f"{int(na.sum())} missing municipality value(s) at rows {rows}; drop or fill "
            "them, or pass missing='keep'"
        )
    lookup = np.asarray([*mapped, None], dtype=object)
    return pd.Series(lookup[codes], index=index, name="muni_code", dtype=object)


def check_layer(codes: pd.Series, *, wards: bool) -> None:
    """Refuse codes that belong to the other layer (designated city vs its wards)."""
    t = _table()
    layer = t["layer"].reindex(codes.dropna().to_numpy())
    wrong = "municipalities" if wards else "wards"
    bad = codes.dropna()[layer.to_numpy() == wrong]
    if bad.empty:
        return
    shown = ", ".join(_label(str(c)) for c in pd.unique(bad.to_numpy())[:5])
    if wards:
        raise UnmatchedKeyError(
            f"{bad.nunique()} designated-city code(s) at level='ward' ({shown}): the ward layer "
            "has their wards instead; drop these rows or join with level='municipality'"
        )
    raise UnmatchedKeyError(
        f"{bad.nunique()} ward code(s) at level='municipality' ({shown}): wards are not units of "
        "the municipal layer; join with level='ward', or sum the wards to their city first "
        "(jregion.municipality_table() gives each ward's designated_city_code)"
    )


def prefecture_codes(values: pd.Series | pd.Index | Iterable[object]) -> pd.Series:
    """Prefecture codes of prefectures or municipalities in any accepted form."""
    arr, index = _object_values(values)
    uniques = pd.unique(pd.Series(arr, dtype=object))
    mapping: dict[object, object] = {}
    for v in uniques:
        try:
            mapping[v] = to_codes([v]).iloc[0]
        except UnknownCodeError as err:
            try:
                mapping[v] = to_municipal_code(v)[:2]
            except (UnknownCodeError, AmbiguousNameError) as err2:
                raise type(err2)(f"{err}; as a municipality: {err2}") from None
    return pd.Series([mapping[v] for v in arr], index=index, name="pref_code", dtype=object)
