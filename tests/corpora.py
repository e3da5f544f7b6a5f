"""Where the tests find their report texts: all inside the repository, never on the developer's machine.

- ``SEEDS``: the five reports the user gave us (data/reports/, the app's default corpus);
- ``SHARED_CORPUS`` and ``SHARED_GOLD``: the team's labelled real excerpts and their adjudicated gold,
  copied from ../shared (refresh them from there; tests never read ../shared);
- ``OWN_TEXTS`` and ``OWN_GOLD``: the excerpts this project collected (sources in tests/gold/sources/)
  and their adjudicated gold.

``texts(folder)`` fails loudly when a fixture corpus is missing or empty: a test that silently ran on
nothing would pass while testing nothing.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "reports"
GOLD_DIR = ROOT / "tests" / "gold"
SHARED_CORPUS = GOLD_DIR / "shared" / "corpus"
SHARED_GOLD = GOLD_DIR / "shared" / "gold"
OWN_TEXTS = GOLD_DIR / "texts"
OWN_GOLD = GOLD_DIR


def texts(folder: Path, pattern: str = "*.txt") -> list[Path]:
    """The fixture files in ``folder``, sorted; an error (not a skip) when there are none."""
    found = sorted(folder.glob(pattern))
    if not found:
        raise FileNotFoundError(f"fixture corpus {folder} is missing or empty: the repository is incomplete")
    return found
