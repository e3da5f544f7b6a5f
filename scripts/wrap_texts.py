"""Write copies of texts with every long line cut at a fixed width, as a PDF text layer or a yearbook page prints them.

    python scripts/wrap_texts.py OUT_DIR WIDTH FILE...

The copies keep their file names, so ../shared/tools/score.py scores them against the same gold: how much of the
extraction survives a fixed-width layout (etl/read/hard_wrap.py). Table rows (with "|") are left whole.
"""

from __future__ import annotations

import sys
from pathlib import Path


def wrapped(text: str, width: int) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width or "|" in line:
            out.append(line)
        else:
            out += [line[i:i + width] for i in range(0, len(line), width)]
    return "\n".join(out)


def main() -> int:
    out, width = Path(sys.argv[1]), int(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for name in sys.argv[3:]:
        path = Path(name)
        (out / path.name).write_text(wrapped(path.read_text(encoding="utf-8"), width), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
