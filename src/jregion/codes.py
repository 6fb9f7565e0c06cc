"""Prefecture codes: JIS X 0401 codes from any name or code form.

:func:`to_code` reads one value, :func:`to_codes` a whole column. Accepted forms
(case-, width- and space-insensitive):

- integers 1..47 (and integral floats), ``"1"``, ``"01"``, ``"JP-01"``, ``"JP01"``;
- prefecture-level local-government codes ``"01000"`` and ``"010006"`` (check digit verified);
- e-Stat area labels, a code followed by the name (``"01 北海道"``, ``"13000_東京都"``);
- kanji with or without suffix (``"兵庫県"``, ``"兵庫"``), hiragana or katakana
  (``"ひょうご"``, ``"ヒョウゴケン"``);
- romaji with or without macrons and with common suffixes (``"Hyōgo"``, ``"Hyogo-ken"``,
  ``"Hyogo Prefecture"``, ``"Tokyo-to"``, ``"Osaka-fu"``), and long vowels written
  ``oh``/``oo``/``ou`` (``"Ohsaka"``, ``"Oosaka"``, ``"Toukyou"``);
- the older romanisations found in English-language literature and datasets:
  traditional Hepburn ``m`` before ``b``/``m``/``p`` (``"Gumma"``) and Kunrei/Nihon-shiki
  spellings (``"Sizuoka"``, ``"Hukuoka"``, ``"Tiba"``, ``"Kôti"``).

Municipal codes (``"13101"``) are refused with a hint, rather than silently read as
their prefecture; :func:`jregion.to_municipal_code` reads them.
Digits split by a separator (``"4-7"``, ``"1 3"``) or signed
(``"-13"``) are refused rather than joined, and integers are read only as codes 1..47:
an area code that lost its leading zero when read as a number (``1000`` for ``"01000"``)
is refused with a hint to read the column as text.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Literal

import numpy as np
import pandas as pd

from jregion._manifest import path_of
from jregion.errors import MissingValueError, UnknownCodeError

__all__ = ["PREFECTURE_CODES", "prefecture_table", "to_code", "to_codes"]

#: The 47 JIS X 0401 prefecture codes, "01" (Hokkaido) to "47" (Okinawa).
PREFECTURE_CODES: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 48))
_CODESET = frozenset(PREFECTURE_CODES)


@functools.cache
def _table() -> pd.DataFrame:
    df = pd.read_csv(
        path_of("prefecture_table"),
        dtype={"pref_code": str},
        encoding="utf-8",
    ).set_index("pref_code")
    return df


def prefecture_table() -> pd.DataFrame:
    """Return the reference table of the 47 prefectures.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``pref_code`` ("01".."47"), with ISO 3166-2 code, names in kanji
        (with and without suffix), kana, romaji (with and without macrons), capital
        city and the coordinates of the prefectural office. A fresh copy each call.

    Examples
    --------
    >>> import jregion
    >>> t = jregion.prefecture_table()
    >>> t.loc["28", ["iso", "name_ja", "name_en_macron", "capital_en"]].tolist()
    ['JP-28', '兵庫県', 'Hyōgo', 'Kobe']
    """
    return _table().copy()


_KATA_TO_HIRA = {c: c - 0x60 for c in range(ord("ァ"), ord("ヶ") + 1)}
_SUFFIX_RE = re.compile(r"(?:[\s_-]*(?:prefecture|pref\.?|metropolis|ken|fu|to))$")
_SEP_RE = re.compile(r"[\s\u3000_\-・.,'’]+")
# digits that separators would join ("4-7" -> 47), or a sign before digits ("-13")
_SPLIT_DIGITS_RE = re.compile(r"\d[\s\u3000_\-・.,'’]+\d|^[-+−‐]\s*\d")
# Hepburn -> Kunrei (applied after long-vowel folding), and traditional Hepburn "m" before
# labials ("Gumma"): the older spellings fold to one key per prefecture
_KUNREI = (
    (re.compile(r"m(?=[bmp])"), "n"),
    (re.compile(r"shi"), "si"),
    (re.compile(r"sh"), "sy"),
    (re.compile(r"chi"), "ti"),
    (re.compile(r"ch"), "ty"),
    (re.compile(r"tsu"), "tu"),
    (re.compile(r"fu"), "hu"),
    (re.compile(r"ji"), "zi"),
    (re.compile(r"j"), "zy"),
    (re.compile(r"dz"), "z"),
)


def _fold_romaji(s: str, *, long_vowels: bool = True) -> str:
    """Lowercase romaji without macrons, long vowels folded (ou, oo, oh, uu -> o, u)."""
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = s.lower()
    if not long_vowels:
        return s
    s = re.sub(r"o[uoh]", "o", s)
    s = s.replace("uu", "u")
    return s


def _kunrei(s: str) -> str:
    """Fold folded romaji to a Kunrei-style key ("gumma", "shizuoka" -> "gunma", "sizuoka")."""
    for pattern, repl in _KUNREI:
        s = pattern.sub(repl, s)
    return s


@functools.cache
def _kunrei_lookup() -> dict[str, str]:
    """Map the Kunrei key of every romaji name to its code (47 distinct keys)."""
    t = _table()
    return {_kunrei(_norm(_fold_romaji(str(n)))): str(c) for c, n in t["name_en"].items()}


def _norm(value: str) -> str:
    s = unicodedata.normalize("NFKC", value).strip()
    s = s.translate(_KATA_TO_HIRA)
    return _SEP_RE.sub("", s.lower())


@functools.cache
def _lookup() -> dict[str, str]:
    """Map every normalised name form to its code."""
    t = _table()
    forms: dict[str, str] = {}
    for code, row in t.iterrows():
        code = str(code)
        for col in ("name_ja", "name_ja_short", "name_kana", "name_kana_short"):
            forms[_norm(str(row[col]))] = code
        for col in ("name_en", "name_en_macron"):
            forms[_norm(_fold_romaji(str(row[col])))] = code
        forms[_norm(str(row["iso"]))] = code
    return forms


def _check_digit(five: str) -> int:
    total = sum(int(d) * w for d, w in zip(five, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def _from_digits(s: str) -> str | None:
    """Read an all-digit string; None if it is not a prefecture code form."""
    n = len(s)
    if n in (1, 2):
        code = s.zfill(2)
        return code if code in _CODESET else None
    if n == 5 or n == 6:
        if s[2:5] != "000":
            return None
        if n == 6 and int(s[5]) != _check_digit(s[:5]):
            return None
        return s[:2] if s[:2] in _CODESET else None
    return None


def _parse(value: object) -> str | None:
    """Return the code for one value, or None if it cannot be read."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        return f"{int(value):02d}" if 1 <= int(value) <= 47 else None
    if isinstance(value, (float, np.floating)):
        f = float(value)
        if f.is_integer() and 1 <= f <= 47:
            return f"{int(f):02d}"
        return None
    if not isinstance(value, str):
        return None
    raw = unicodedata.normalize("NFKC", value).strip()
    if re.fullmatch(r"[\d.,]+", raw) and not raw.isdigit():
        # "13.0" (a float column written as text) is 13; "4.5", "1,3" are not codes
        m = re.fullmatch(r"(\d+)\.0+", raw)
        return _from_digits(m.group(1)) if m else None
    if _SPLIT_DIGITS_RE.search(raw):
        return None
    s = _norm(value)
    if not s:
        return None
    if s.isdigit():
        return _from_digits(s)
    m = re.fullmatch(r"jp(\d{1,2})", s)
    if m:
        return _from_digits(m.group(1))
    table = _lookup()
    if s in table:
        return table[s]
    m = re.fullmatch(r"(\d{2}|\d{5,6})(\D.*)", s)
    if m:
        # e-Stat area labels such as "01 北海道" or "13000 東京都": code and name must agree
        by_code, by_name = _from_digits(m.group(1)), _parse(m.group(2))
        return by_code if by_code is not None and by_code == by_name else None
    folded = _fold_romaji(s)
    if folded.isascii():
        if folded in table:
            return table[folded]
        stripped = _SUFFIX_RE.sub("", folded)
        if stripped in table:
            return table[stripped]
        # a bare "-to"/"-fu" etc. may hide behind a long-vowel fold ("toukyouto")
        stripped = _fold_romaji(_SUFFIX_RE.sub("", _fold_romaji(s, long_vowels=False)))
        if stripped in table:
            return table[stripped]
        kunrei = _kunrei_lookup()
        for form in (folded, _SUFFIX_RE.sub("", folded), stripped):
            if _kunrei(form) in kunrei:
                return kunrei[_kunrei(form)]
    return None


def _suggest(value: object) -> list[str]:
    s = _norm(str(value))
    if _fold_romaji(s).isascii():
        s = _SUFFIX_RE.sub("", _fold_romaji(s))
    table = _lookup()
    close = difflib.get_close_matches(s, list(table), n=6, cutoff=0.6)
    names = _table()["name_en"]
    out: list[str] = []
    for c in close:
        code = table[c]
        label = f"{names[code]!r} ({code})"
        if label not in out:
            out.append(label)
    return out[:3]


def _unknown_message(value: object, where: str) -> str:
    msg = f"unknown prefecture {value!r}{where}"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and int(value) > 47:
        return msg + ": " + _integer_hint(int(value))
    s = str(value).strip()
    raw = unicodedata.normalize("NFKC", s)
    if _SPLIT_DIGITS_RE.search(raw) and not re.fullmatch(r"[\d.,]+", raw):
        return (
            f"{msg}: digits split by a separator or signed are not a code "
            "(write the code itself, e.g. '13' or '13000')"
        )
    if s.isdigit() and len(s) in (5, 6) and s[:2] in _CODESET and s[2:5] != "000":
        return (
            f"{msg}: {s!r} is a municipal code in prefecture {s[:2]}; "
            "aggregate municipalities first, or take the prefecture with codes.str[:2]; "
            "jregion.to_municipal_code and attach(..., level='municipality') read it"
        )
    if s.isdigit() and len(s) == 6 and s[2:5] == "000":
        return f"{msg}: check digit should be {_check_digit(s[:5])} (JIS X 0402)"
    hint = _suggest(value)
    if hint:
        return f"{msg}; did you mean {' or '.join(hint)}?"
    return f"{msg}; use a JIS code 1..47, a name such as 'Hyogo' or '兵庫県', or 'JP-28'"


def _integer_hint(n: int) -> str:
    """Explain why an integer above 47 is refused; name the area code it may have been."""
    hint = "integers are read only as JIS codes 1..47"
    for text in dict.fromkeys((str(n).zfill(5), str(n).zfill(6))):
        code = _from_digits(text) if len(text) in (5, 6) else None
        if code is not None:
            lost = "" if text == str(n) else ", with its leading zero lost"
            return (
                f"{hint}; {n} looks like the area code {text!r} (prefecture {code}) read as a "
                f"number{lost}: read the code column as text (e.g. pd.read_csv(..., "
                "dtype={'area_code': str})) or convert it with .astype(str).str.zfill(5)"
            )
    five = str(n).zfill(5)
    if len(five) in (5, 6) and five[:2] in _CODESET:
        return (
            f"{hint}; {n} looks like the municipal code {five!r} in prefecture {five[:2]}: "
            "aggregate municipalities first, or take the prefecture with "
            ".astype(str).str.zfill(5).str[:2]"
        )
    return f"{hint}; if these are area codes, read the column as text so leading zeros are kept"


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and np.isnan(value)


def to_code(value: object) -> str:
    """Return the two-digit JIS X 0401 code of one prefecture.

    Parameters
    ----------
    value : object
        A code (``13``, ``"13"``, ``"JP-13"``, ``"13000"``, ``"130001"``) or a name in
        kanji, kana or romaji (``"東京都"``, ``"とうきょう"``, ``"Tōkyō"``, ``"Tokyo-to"``).

    Returns
    -------
    str
        The code, ``"01"`` to ``"47"``.

    Raises
    ------
    UnknownCodeError
        If the value is not a prefecture; the message gives the closest names.
    MissingValueError
        If the value is missing (None or NaN).

    Examples
    --------
    >>> import jregion
    >>> [jregion.to_code(v) for v in (1, "JP-13", "兵庫県", "Ohsaka", "ＴＯＫＹＯ", "130001")]
    ['01', '13', '28', '27', '13', '13']
    """
    if _is_missing(value):
        raise MissingValueError("prefecture value is missing; drop or fill it before converting")
    code = _parse(value)
    if code is None:
        raise UnknownCodeError(_unknown_message(value, ""))
    return code


def _object_values(values: pd.Series | Iterable[object]) -> tuple[np.ndarray, pd.Index]:
    """Return the values as an object array and the index a result carries.

    A Series keeps its own index; any other iterable gets a RangeIndex.
    """
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype=object), values.index
    arr = np.asarray(list(values), dtype=object)
    return arr, pd.RangeIndex(len(arr))


def to_codes(
    values: pd.Series | pd.Index | Iterable[object],
    *,
    missing: Literal["raise", "keep"] = "raise",
) -> pd.Series:
    """Convert a column of prefecture names or codes to JIS codes.

    Parameters
    ----------
    values : Series, Index or iterable
        Any mix of the forms :func:`to_code` accepts.
    missing : {"raise", "keep"}, default "raise"
        What to do with missing values: raise :class:`MissingValueError`, or
        keep them as ``None`` in the result.

    Returns
    -------
    pandas.Series
        Codes as strings, named ``"pref_code"``, with the index of ``values`` (or a
        RangeIndex for other iterables).

    Raises
    ------
    UnknownCodeError
        Naming every distinct unknown value (up to five), its first position and
        the closest matches.

    Examples
    --------
    >>> import pandas as pd
    >>> import jregion
    >>> jregion.to_codes(pd.Series(["Hokkaido", "沖縄県", 13], index=["a", "b", "c"]))
    a    01
    b    47
    c    13
    Name: pref_code, dtype: str
    """
    if isinstance(values, pd.Index):
        index: pd.Index = pd.RangeIndex(len(values))
        arr = values.to_numpy(dtype=object)
    else:
        arr, index = _object_values(values)
    result = _convert(arr, index, missing=missing)
    return pd.Series(result, index=index, name="pref_code")


def _convert(
    arr: np.ndarray, index: pd.Index, *, missing: Literal["raise", "keep"]
) -> list[object]:
    if pd.api.types.infer_dtype(arr, skipna=True) not in _NO_BOOL_KINDS:
        # factorize treats True as 1: find booleans first, they are never prefectures
        is_bool = np.fromiter((isinstance(v, (bool, np.bool_)) for v in arr), bool, len(arr))
        if is_bool.any():
            pos = int(np.flatnonzero(is_bool)[0])
            where = f" (row {pos}, index {index[pos]!r})"
            raise UnknownCodeError(_unknown_message(arr[pos], where))
    codes, uniques = pd.factorize(arr, use_na_sentinel=True)
    mapped: list[str | None] = [_parse(u) for u in uniques]
    bad = [i for i, m in enumerate(mapped) if m is None]
    if bad:
        msgs = []
        for i in bad[:5]:
            pos = int(np.flatnonzero(codes == i)[0])
            msgs.append(_unknown_message(uniques[i], f" (row {pos}, index {index[pos]!r})"))
        more = f"; and {len(bad) - 5} more unknown values" if len(bad) > 5 else ""
        raise UnknownCodeError("; ".join(msgs) + more)
    na = codes < 0
    if na.any() and missing == "raise":
        rows = np.flatnonzero(na)[:5].tolist()
        raise MissingValueError(
            f"{int(na.sum())} missing prefecture value(s) at rows {rows}; drop or fill them, "
            "or pass missing='keep'"
        )
    lookup = np.asarray([*mapped, None], dtype=object)
    out: list[object] = lookup[codes].tolist()
    return out


_NO_BOOL_KINDS = frozenset({"string", "integer", "floating", "mixed-integer-float", "empty"})


def name_lookup() -> Mapping[str, str]:
    """Return the normalised-name -> code table (for tests and property checks)."""
    return dict(_lookup())
