"""Print each document's metadata beside the gold (for rule work on the development part)."""
import json
import sys
from pathlib import Path

from etl.extract.pipeline import process_text
from etl.read.readers import read_file

gold = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    gold[(d["file"], d["part"])] = d
FIELDS = ("province", "city", "county", "level", "year", "doc_type")
for p in sys.argv[2:]:
    for doc in process_text(read_file(Path(p)).text):
        g = gold.get((Path(p).name, doc.part))
        if not g:
            continue
        m = doc.meta.as_dict()
        bad = [f"{f}: gold={g[f]!r} got={m[f]!r}" for f in FIELDS if (g[f] or None) != (m[f] or None)]
        if bad:
            print(Path(p).name, doc.part, "| title:", m["title"], "| organ:", m["organ"], "|", "; ".join(bad))
