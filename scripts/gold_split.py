"""Assign each labelled text to the development or the test part, once, by its source site.

    python scripts/gold_split.py   # adds the texts of tests/gold/sources/*.tsv missing from tests/gold/split.tsv

The part follows from a hash of the site's registrable name (mirrors of one site stay together), so the
split is decided before anyone looks at a text, and a text added later goes where its site already is.
Rows already in split.tsv never move.
"""

from __future__ import annotations

import csv
import hashlib
import urllib.parse
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


def site(url: str, fallback: str) -> str:
    host = urllib.parse.urlparse(url.strip()).hostname or url.strip() or fallback
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in ("gov", "com", "org", "net", "edu"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def part_of(source: str) -> str:
    return "test" if int(hashlib.sha1(source.encode()).hexdigest(), 16) % 2 == 0 else "dev"


def main() -> None:
    split_path = GOLD / "split.tsv"
    known = {}
    if split_path.exists():
        with split_path.open(encoding="utf-8") as fh:
            known = {r["file"]: r for r in csv.DictReader(fh, delimiter="\t")}
    rows = dict(known)
    for tsv in sorted((GOLD / "sources").glob("*.tsv")):
        with tsv.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r["file"] not in rows:
                    source = site(r["url"], r["file"])
                    rows[r["file"]] = {"file": r["file"], "part": part_of(source), "source": source}
    with split_path.open("w", encoding="utf-8") as fh:
        fh.write("file\tpart\tsource\n")
        for name in sorted(rows):
            r = rows[name]
            fh.write(f"{r['file']}\t{r['part']}\t{r['source']}\n")
    added = len(rows) - len(known)
    print(f"{len(rows)} texts ({added} added): "
          f"{sum(r['part'] == 'dev' for r in rows.values())} dev, {sum(r['part'] == 'test' for r in rows.values())} test")


if __name__ == "__main__":
    main()
