"""The JIS standard regional mesh (JIS X 0410): codes, geometry and contiguity.

Six levels, each a subdivision of the one above: 80 km (4-digit codes), 10 km (6),
1 km (8), 500 m (9), 250 m (10), 125 m (11); functions take the level as 1-6 or by its
name, ``"80km"`` ... ``"125m"``. Codes are strings; the arithmetic is exact on an integer
grid (see :mod:`jregion.mesh._grid`), and a point on an edge belongs to the cell to its
north and east.

Examples
--------
>>> from jregion.mesh import to_mesh, mesh_parent
>>> code = to_mesh(36.0824, 140.1116, level=4)  # Tsukuba Science City
>>> code, mesh_parent(code, "10km")
('544000984', '544000')
"""

from jregion.mesh._codes import (
    mesh_bounds,
    mesh_centres,
    mesh_children,
    mesh_level,
    mesh_parent,
    to_mesh,
)
from jregion.mesh._geometry import mesh_polygons
from jregion.mesh._grid import MeshLevel
from jregion.mesh._neighbors import mesh_neighbors

__all__ = [
    "MeshLevel",
    "mesh_bounds",
    "mesh_centres",
    "mesh_children",
    "mesh_level",
    "mesh_neighbors",
    "mesh_parent",
    "mesh_polygons",
    "to_mesh",
]
