"""Named fixed links (bridges, tunnels, nearest-neighbour joins) between prefectures."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from jregion._manifest import path_of

__all__ = ["FixedLink", "japan_links"]


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
