from __future__ import annotations

import sys

import pytest

import jregion
from jregion._optional import EXTRAS, import_optional


@pytest.mark.parametrize(("module", "extra"), sorted(EXTRAS.items()))
def test_missing_optional_dependency_names_the_extra(
    module: str, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # None in sys.modules makes every import of the module fail with ImportError
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(jregion.MissingDependencyError, match=rf'pip install "jregion\[{extra}\]"'):
        import_optional(module)
    with pytest.raises(ImportError):  # still an ImportError for callers that catch that
        import_optional(f"{module}.sub")


def test_unknown_module_suggests_pip() -> None:
    with pytest.raises(ImportError, match="pip install no_such_module_xyz"):
        import_optional("no_such_module_xyz")
