"""A small TopoJSON decoder that keeps the shared arcs, for topology-aware simplification."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

Arc = np.ndarray


def decode_arcs(topo: dict[str, Any]) -> list[Arc]:
    """Return the arcs as absolute coordinate arrays (delta- and quantisation-decoded)."""
    tr = topo.get("transform")
    out: list[Arc] = []
    for arc in topo["arcs"]:
        a = np.asarray(arc, dtype=float)
        if tr:
            a = np.cumsum(a, axis=0) * np.asarray(tr["scale"]) + np.asarray(tr["translate"])
        out.append(a)
    return out


def _ring(arc_ids: Sequence[int], arcs: list[Arc]) -> np.ndarray:
    parts = []
    for i, idx in enumerate(arc_ids):
        a = arcs[idx] if idx >= 0 else arcs[~idx][::-1]
        parts.append(a if i == 0 else a[1:])
    return np.concatenate(parts)


def geometry(obj: dict[str, Any], arcs: list[Arc]) -> MultiPolygon:
    """Build one (Multi)Polygon from a TopoJSON geometry object, always as MultiPolygon."""
    polys_arcs = obj["arcs"] if obj["type"] == "MultiPolygon" else [obj["arcs"]]
    polys = []
    for rings in polys_arcs:
        coords = [_ring(r, arcs) for r in rings]
        coords = [c for c in coords if len(c) >= 4]
        if not coords:
            continue
        polys.append(Polygon(coords[0], coords[1:]))
    return MultiPolygon(polys)


def simplify_arcs(arcs: list[Arc], tolerance: float) -> list[Arc]:
    """Douglas-Peucker each shared arc once, keeping its end points (so neighbours stay glued)."""
    out = []
    for a in arcs:
        length = float(np.hypot(*np.diff(a, axis=0).T).sum()) if len(a) > 1 else 0.0
        if len(a) <= 3 or length < 8 * tolerance:
            # tiny arcs (small islands, split islands such as Ishima) are kept whole
            out.append(a)
            continue
        if np.allclose(a[0], a[-1]):
            # closed arc (an island ring): simplify as a ring, keep the start point
            s = shapely.simplify(shapely.LineString(a), tolerance, preserve_topology=True)
        else:
            s = shapely.simplify(shapely.LineString(a), tolerance, preserve_topology=False)
        out.append(np.asarray(s.coords))
    return out


def round_arcs(arcs: list[Arc], decimals: int) -> list[Arc]:
    return [np.round(a, decimals) for a in arcs]


def objects(topo: dict[str, Any]) -> list[dict[str, Any]]:
    return list(next(iter(topo["objects"].values()))["geometries"])


def build(
    topo: dict[str, Any], transform: Callable[[list[Arc]], list[Arc]] | None = None
) -> list[tuple[dict[str, Any], MultiPolygon]]:
    arcs = decode_arcs(topo)
    if transform is not None:
        arcs = transform(arcs)
    return [(o.get("properties", {}), geometry(o, arcs)) for o in objects(topo)]
