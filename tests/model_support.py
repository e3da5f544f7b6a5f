"""Shared by the learned models' tests: a model file is read once (an lru_cache); a test that swaps the file clears it."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest


def assert_model_file_refused(monkeypatch: pytest.MonkeyPatch, module: ModuleType, path_attr: str, path: Path,
                              content: str, match: str) -> None:
    """``module.model()`` reading ``content`` from ``path`` (set as ``module.<path_attr>``) raises ValueError naming
    ``match``; the cache is cleared before and after, so no other test sees this file."""
    path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(module, path_attr, path)
    module.model.cache_clear()
    try:
        with pytest.raises(ValueError, match=match):
            module.model()
    finally:
        module.model.cache_clear()
