"""`python -m etl extract --jsonl FILE...`: one JSON object per document, no database.

The output format is ../shared/spec/GOLD.md's; offsets index the file's
decoded text. A file that cannot be read is reported on stderr and skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from etl.extract.pipeline import process_text
from etl.extract.values import actual_values
from etl.read.readers import ReadError, read_file


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jsonl", action="store_true", help="print JSON lines (the only format for now)")
    p.add_argument("files", nargs="+", type=Path)


def document_records(path: Path) -> list[dict]:
    result = read_file(path)
    out = []
    for doc in process_text(result.text):
        rec = {"file": str(path), "part": doc.part, **doc.meta.as_dict(), "is_synthetic": doc.is_synthetic}
        figs = []
        for f in doc.figures:
            d = f.as_dict()
            d["start"] += doc.start
            d["end"] += doc.start
            figs.append(d)
        rec["figures"] = figs
        rec["values"] = {k: (int(v) if float(v).is_integer() else round(v, 4)) for k, v in actual_values(doc.figures).items()}
        out.append(rec)
    return out


def run(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.files:
        try:
            for rec in document_records(path):
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        except ReadError as exc:
            failed += 1
            print(f"{path}: {exc.message} ({exc.detail})", file=sys.stderr)
    return 0
