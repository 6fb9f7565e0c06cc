"""Connectivity of a spatial graph: components, isolates, degrees, links; and the warning."""

from __future__ import annotations

import warnings
from collections.abc import Hashable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jregion.errors import DisconnectedGraphWarning
from jregion.weights._convert import GraphLike, as_graph

__all__ = ["ConnectivityReport", "check_connectivity", "connectivity_report"]

_LINK_COLUMNS = ["name", "unit_a", "unit_b", "kind", "status", "source"]


@dataclass(frozen=True, eq=False)
class ConnectivityReport:
    """How a spatial graph hangs together.

    Attributes
    ----------
    n_units : int
        Number of units (nodes), isolates included.
    n_edges : int
        Number of directed edges with non-zero weight (a symmetric pair counts twice).
    components : tuple of tuple
        Ids of each connected component, largest first (ties: by first id in graph order).
        An isolate is a component of its own.
    isolates : tuple
        Ids of units without neighbours, in graph order.
    component : pandas.Series
        Component number of each unit (0 = largest), indexed by id, name ``"component"``.
    degree : pandas.Series
        Number of neighbours of each unit, indexed by id, name ``"degree"``.
    degree_distribution : pandas.Series
        Number of units with each degree (index ``"degree"``, name ``"units"``), every degree
        from 0 to the maximum.
    links : pandas.DataFrame
        Fixed links given to :func:`build_weights`: name, unit_a, unit_b, kind, status
        (``added``, ``already_adjacent`` or ``skipped_missing_unit``) and source. Empty for
        graphs not built by :func:`build_weights` or :func:`prefecture_graph` with ``links=``
        (a SparseGraph's ``transform`` and ``subgraph`` keep them; a libpysal Graph's
        transformed copy does not).
    """

    n_units: int
    n_edges: int
    components: tuple[tuple[Hashable, ...], ...]
    isolates: tuple[Hashable, ...]
    component: pd.Series
    degree: pd.Series
    degree_distribution: pd.Series
    links: pd.DataFrame

    @property
    def n_components(self) -> int:
        """Number of connected components (isolates included)."""
        return len(self.components)

    @property
    def is_connected(self) -> bool:
        """True if the graph is one component without isolates."""
        return self.n_components == 1 and not self.isolates

    def to_frame(self) -> pd.DataFrame:
        """Return one row per unit: component, degree, isolate, and the links that touch it.

        Returns
        -------
        pandas.DataFrame
            Indexed by id in graph order; columns ``component``, ``degree``, ``isolate``
            (bool) and ``links`` (names of the added links that touch the unit, ``"; "``
            separated, empty string if none).

        Examples
        --------
        >>> import jregion
        >>> from jregion.weights import build_weights, connectivity_report
        >>> rep = connectivity_report(build_weights(jregion.load_prefectures(), links="japan"))
        >>> rep.to_frame().loc[["01", "02"]]
                   component  degree  isolate          links
        pref_code
        01                 0       1    False  Seikan Tunnel
        02                 0       3    False  Seikan Tunnel
        """
        touched: dict[Hashable, list[str]] = {i: [] for i in self.component.index}
        added = self.links[self.links["status"] == "added"]
        for row in added.itertuples(index=False):
            touched[row.unit_a].append(str(row.name))
            touched[row.unit_b].append(str(row.name))
        return pd.DataFrame(
            {
                "component": self.component,
                "degree": self.degree,
                "isolate": self.degree == 0,
                "links": pd.Series({i: "; ".join(v) for i, v in touched.items()}, dtype=object),
            },
            index=self.component.index,
        )


def connectivity_report(graph: GraphLike) -> ConnectivityReport:
    """Describe the components, isolates, degrees and added links of a spatial graph.

    Parameters
    ----------
    graph : GraphLike
        A :class:`SparseGraph`, libpysal Graph or W, or (scipy matrix, ids); links are listed
        for graphs returned by :func:`build_weights` and :func:`prefecture_graph`. libpysal is
        never imported.

    Returns
    -------
    ConnectivityReport
        Frozen result; ``to_frame()`` gives one row per unit.

    Examples
    --------
    >>> import jregion
    >>> from jregion.weights import build_weights, connectivity_report
    >>> prefs = jregion.load_prefectures()
    >>> rep = connectivity_report(build_weights(prefs))
    >>> rep.n_components, rep.isolates
    (4, ('01', '47'))
    >>> [len(c) for c in rep.components]
    [38, 7, 1, 1]
    >>> linked = connectivity_report(build_weights(prefs, links="japan"))
    >>> linked.is_connected, linked.links["status"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    (True, ['added', 'added', 'added', 'already_adjacent', 'added', 'added'])
    """
    g = as_graph(graph)  # a libpysal Graph or W is converted; libpysal is never imported
    ids = g.unique_ids
    raw_labels = g.csr.select(g.csr.data != 0).component_labels()
    labels = pd.Series(raw_labels, index=ids)
    first = pd.Series(np.arange(len(ids)), index=ids).groupby(labels.to_numpy()).min()
    size = labels.value_counts()
    order = sorted(size.index, key=lambda lab: (-size[lab], first[lab]))
    renumber = {lab: i for i, lab in enumerate(order)}
    component = labels.map(renumber).astype("int64").rename("component")
    component.index.name = ids.name
    components = tuple(tuple(component.index[component == i]) for i in range(len(order)))
    degree = g.cardinalities.rename("degree")
    dist = degree.value_counts().reindex(range(int(degree.max()) + 1), fill_value=0)
    dist = dist.astype("int64").rename("units")
    dist.index.name = "degree"
    links = pd.DataFrame(
        [(lk.name, a, b, lk.kind, status, lk.source) for lk, status, a, b in g.links],
        columns=_LINK_COLUMNS,
    )
    return ConnectivityReport(
        n_units=len(ids),
        n_edges=int(degree.sum()),
        components=components,
        isolates=tuple(degree.index[degree == 0]),
        component=component,
        degree=degree,
        degree_distribution=dist,
        links=links,
    )


def check_connectivity(graph: GraphLike, *, stacklevel: int = 2) -> None:
    """Warn if a spatial graph has isolates or several components.

    Statistics call this before they run. Isolates have a spatial lag of 0 and several
    components mean that no spatial effect crosses between them; results are then defined but
    often not what the user meant.

    Parameters
    ----------
    graph : GraphLike
        The graph a statistic is about to use.
    stacklevel : int
        Passed to :func:`warnings.warn`; 2 points at the caller of ``check_connectivity``.
        A statistic that calls this should pass 3 so the warning points at its own caller.

    Warns
    -----
    DisconnectedGraphWarning
        Naming the isolates and the number of components, and how to join them.

    Examples
    --------
    >>> import warnings
    >>> import jregion
    >>> from jregion.weights import build_weights, check_connectivity
    >>> prefs = jregion.load_prefectures()
    >>> check_connectivity(build_weights(prefs, links="japan"))  # connected: silent
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     check_connectivity(build_weights(prefs))
    >>> print(caught[0].message)  # doctest: +ELLIPSIS
    spatial graph is not connected: 4 components; 2 isolates (01, 47)...
    """
    rep = connectivity_report(graph)
    if rep.is_connected:
        return
    parts = [f"{rep.n_components} components"]
    if rep.isolates:
        shown = ", ".join(str(i) for i in rep.isolates[:10])
        more = "" if len(rep.isolates) <= 10 else f" and {len(rep.isolates) - 10} more"
        parts.append(f"{len(rep.isolates)} isolates ({shown}{more})")
    warnings.warn(
        "spatial graph is not connected: " + "; ".join(parts) + ". Isolates have a spatial "
        "lag of 0 and no spatial effect crosses between components. Join them with "
        "build_weights(..., links='japan') for prefectures, links=[FixedLink(...)], or "
        "kind='knn'; see jregion.weights.connectivity_report(graph)",
        DisconnectedGraphWarning,
        stacklevel=stacklevel,
    )
