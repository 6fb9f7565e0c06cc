"""Named fixed links (bridges, tunnels, nearest-neighbour joins) between prefectures."""

from __future__ import annotations

import functools
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from jregion._manifest import path_of
from jregion.errors import UnmatchedKeyError

__all__ = [
    "INDEX_NAME_ATTR", "LINKS_ATTR", "FixedLink", "LinkRecord", "japan_links", "link_edges",
    "resolve_links",
]


@dataclass(frozen=True)
class FixedLink:
    """A named link that joins two spatial units which share no border.

    Parameters
    ----------
    name : str
        Name of the link, for example ``"Seikan Tunnel"``.
    pair : tuple of str
        Ids of the two units it joins. Prefecture codes (``"01"``) for the Japan preset; any ids
        of your graph for your own links.
    kind : str
        What the link is: ``"rail_tunnel"``, ``"bridge"``, ``"bridge_and_tunnels"``,
        ``"nearest_neighbour"`` (no physical link) or your own word.
    source : str
        Where the link is documented. Required: a link without a source is refused.

    Examples
    --------
    >>> from jregion.weights import FixedLink
    >>> aqua = FixedLink("Tokyo Bay Aqua-Line", ("12", "14"), "bridge_and_tunnels",
    ...                  source="https://en.wikipedia.org/wiki/Tokyo_Bay_Aqua-Line")
    >>> aqua.pair
    ('12', '14')
    """

    name: str
    pair: tuple[str, str]
    kind: str
    source: str

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a FixedLink needs a non-empty name, got {self.name!r}")
        if not isinstance(self.pair, tuple) or len(self.pair) != 2:
            raise ValueError(
                f"FixedLink {self.name!r}: pair must be a tuple of two ids, got {self.pair!r}"
            )
        if self.pair[0] == self.pair[1]:
            raise ValueError(
                f"FixedLink {self.name!r}: pair joins {self.pair[0]!r} to itself; "
                "give two different ids"
            )
        if not isinstance(self.source, str) or not self.source.strip():
            raise ValueError(
                f"FixedLink {self.name!r} has no source; cite where the link is documented "
                "(a URL or a publication)"
            )


@functools.cache
def _catalogue() -> tuple[FixedLink, ...]:
    df = pd.read_csv(
        path_of("fixed_links"), dtype={"pref_a": str, "pref_b": str}, encoding="utf-8"
    )
    links = []
    for row in df.itertuples(index=False):
        if str(row.in_preset).lower() != "true":
            continue
        source = f"{row.source} <{row.source_url}>"
        links.append(FixedLink(str(row.name), (str(row.pref_a), str(row.pref_b)),
                               str(row.kind), source))
    return tuple(links)


def japan_links(*, exclude: Iterable[str] = ()) -> tuple[FixedLink, ...]:
    """Return the preset of fixed links between Japan's main islands.

    The preset (bundled dataset ``fixed_links``, one cited source per link) joins the islands
    that prefecture contiguity leaves apart: Seikan Tunnel (01-02), Kanmon crossings (35-40),
    Akashi-Kaikyo and Onaruto bridges via Awaji (28-36), Seto-Ohashi (33-37), Shimanami Kaido
    (34-38), and Okinawa to its nearest prefecture, Kagoshima (46-47, no physical link).

    Okayama and Kagawa (33-37) also share a short, partly undetermined land border on Ishima
    island, so queen or rook contiguity on the bundled boundaries already makes them neighbours.
    The preset still lists Seto-Ohashi, because that is the link users mean, and so the pair
    stays joined on coarser layers that lose Ishima. :func:`connectivity_report` marks it
    ``already_adjacent`` when it added nothing.

    Parameters
    ----------
    exclude : iterable of str
        Names of links to leave out (exact names, as in the ``name`` attribute).

    Returns
    -------
    tuple of FixedLink
        The links, in the order of the bundled table.

    Raises
    ------
    ValueError
        If a name in ``exclude`` is not in the preset.

    Examples
    --------
    >>> from jregion.weights import japan_links
    >>> [link.pair for link in japan_links()]
    [('01', '02'), ('35', '40'), ('28', '36'), ('33', '37'), ('34', '38'), ('46', '47')]
    >>> len(japan_links(exclude=["Seikan Tunnel"]))
    5
    """
    links = _catalogue()
    if isinstance(exclude, str):
        exclude = [exclude]
    drop = set(exclude)
    unknown = drop - {link.name for link in links}
    if unknown:
        names = ", ".join(repr(link.name) for link in links)
        raise ValueError(f"unknown link name(s) {sorted(unknown)}; the preset has {names}")
    return tuple(link for link in links if link.name not in drop)


#: What each fixed link did: (link, status, id_a, id_b), status "added", "already_adjacent"
#: or "skipped_missing_unit".
LinkRecord = tuple[tuple[FixedLink, str, Hashable, Hashable], ...]

#: Attribute of a Graph returned by build_weights that records its links and their status.
LINKS_ATTR = "_jregion_links"
#: Attribute that records the name of the GeoDataFrame's index (libpysal names it "focal").
INDEX_NAME_ATTR = "_jregion_index_name"


def _resolve(end: Hashable, ids: pd.Index, code_to_id: dict[str, Hashable]) -> Hashable | None:
    if end in ids:
        return end
    if isinstance(end, str) and end in code_to_id:
        return code_to_id[end]
    return None


def _code_map(ids: pd.Index) -> dict[str, Hashable]:
    """Map prefecture codes to the ids of the index, when the index is prefecture-like."""
    from jregion.codes import to_code

    out: dict[str, Hashable] = {}
    for i in ids:
        try:
            out[to_code(i)] = i
        except (ValueError, TypeError):
            return {}
    return out


def resolve_links(
    links: Literal["japan"] | Sequence[FixedLink] | None,
) -> tuple[list[FixedLink], bool]:
    """Check a ``links=`` argument; return the links and whether they are the Japan preset."""
    if links is None:
        return [], False
    if isinstance(links, str):
        if links != "japan":
            raise ValueError(f"links must be 'japan', a list of FixedLink or None, got {links!r}")
        return list(japan_links()), True
    bad = [x for x in links if not isinstance(x, FixedLink)]
    if bad:
        raise TypeError(
            f"links must hold FixedLink objects, got {type(bad[0]).__name__}; "
            "build them with jregion.weights.FixedLink(name, pair, kind, source)"
        )
    return list(links), False


def link_edges(
    ids: pd.Index,
    edges: tuple[list[Hashable], list[Hashable], list[float]],
    links: Sequence[FixedLink],
    *,
    preset: bool,
) -> tuple[tuple[list[Hashable], list[Hashable], list[float]], LinkRecord]:
    """Add fixed links to directed edge lists ``(focal, neighbor, weight)``; record each link."""
    code_to_id = _code_map(ids) if any(e not in ids for lk in links for e in lk.pair) else {}
    if preset and not code_to_id and any(e not in ids for lk in links for e in lk.pair):
        raise UnmatchedKeyError(
            "links='japan' needs an index of prefecture codes ('01'..'47' or 1..47); "
            f"this index starts {list(ids[:3])}. Set the index to the JIS code first"
        )
    focal, neighbor, weight = list(edges[0]), list(edges[1]), list(edges[2])
    present = {(f, n) for f, n, w in zip(focal, neighbor, weight, strict=True) if w != 0}
    record = []
    for link in links:
        a, b = (_resolve(e, ids, code_to_id) for e in link.pair)
        if a is None or b is None:
            missing = [e for e, r in zip(link.pair, (a, b), strict=True) if r is None]
            if not preset:
                raise UnmatchedKeyError(
                    f"link {link.name!r} joins {missing} which are not in the index; "
                    "use ids of the GeoDataFrame's index"
                )
            record.append((link, "skipped_missing_unit", a, b))
            continue
        if (a, b) in present and (b, a) in present:
            record.append((link, "already_adjacent", a, b))
            continue
        for f, n in ((a, b), (b, a)):
            if (f, n) not in present:
                focal.append(f)
                neighbor.append(n)
                weight.append(1.0)
                present.add((f, n))
        record.append((link, "added", a, b))
    return (focal, neighbor, weight), tuple(record)
