"""Sphinx configuration of jregion's documentation site.

Sphinx, because the API reference is generated from the numpydoc docstrings that the code already
carries (autodoc + autosummary + numpydoc), and because MyST-NB executes the user-guide pages and
the notebooks during the build, so a page whose code fails fails the build. The site builds offline
(no intersphinx inventories, no CDN assets) with ``bash scripts/docs.sh``.

Pages generated at build time, by :mod:`_generate` beside this file, into ``docs/_generated/``:
the API reference (from the groups of ``src/jregion/__init__.pyi``), the data pages (from
``data/manifest.json``), the gallery (atlas figures and example scripts, with their code) and the
notebooks (copied from ``examples/notebooks/``).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _generate  # noqa: E402

import jregion  # noqa: E402

project = "jregion"
author = "jregion developers"
copyright = "jregion developers; data credits on the data pages"
release = version = jregion.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_nb",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = [
    "_build", "**.ipynb_checkpoints", "_generated/gallery/atlas",
    "_generated/gallery/examples", "images"
]
root_doc = "index"

# The API reference: one autosummary page per public name, numpydoc sections rendered.
autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "none"  # the signature shows them; numpydoc's Parameters carry the prose
autodoc_default_options = {"members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()

# Executed pages: every code cell of the user guide, the gallery and the notebooks runs at build
# time; an error in any cell fails the build.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_show_tb = True
nb_merge_streams = True
myst_enable_extensions = ["colon_fence", "dollarmath"]
myst_heading_anchors = 3

html_theme = "pydata_sphinx_theme"
html_title = "jregion"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "icon_links": [],
    "footer_start": ["copyright"],
    "footer_end": [],
}
html_static_path: list[str] = []

nitpicky = False
suppress_warnings = ["mystnb.unknown_mime_type"]


def setup(app: object) -> None:
    """Write the generated pages before Sphinx reads the sources."""
    _generate.write_all(HERE)
