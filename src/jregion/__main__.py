"""``python -m jregion``: the same as the ``jregion`` command."""

from jregion.cli import main

raise SystemExit(main())
