"""One file's text -> its documents with metadata and figures (pure: no I/O, no database).

The build (etl/load/build.py) and `python -m etl extract` both call this, so the
database and the scorer see the same extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from etl.extract import catalog
from etl.extract.confidence import calibrate
from etl.extract.gazetteer import gazetteer
from etl.extract.metadata import Metadata, is_national, metadata_of
from etl.extract.prose import DocContext, Figure, extract_prose
from etl.extract.table_lines import unflatten
from etl.extract.tables import extract_tables, templates
from etl.extract.tokens import tokens
from etl.extract.towns import towns
from etl.extract.zero_counts import extract_zero_counts, settle
from etl.read.normalise import normalise, to_simplified
from etl.read.page_furniture import blank_furniture, without_furniture
from etl.read.segment import split

SYNTHETIC_MARKER = "【合成数据 SYNTHETIC】"
# a body reviewing the filings it receives: a people's congress body (named as the reporter or in the opening), or a
# government's legal affairs office when it is the reporter (吉林省法制办扎实开展…: 接收各地、各部门报备规范性文件196件; not a
# government's report naming its 法制办)
_RECEIVER = re.compile(r"人大常委会|人民代表大会常务委员会|法工委|法制工作委员会")
_OFFICE_RECEIVER = re.compile(r"法制办")
# a 政府信息公开工作年度报告: the reviews and suits it counts are those about its disclosure (表三)
_DISCLOSURE_REPORT = re.compile(r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")


@dataclass
class Document:
    part: int
    start: int  # offsets of the part in the file's decoded text
    end: int
    text: str  # the part's original text
    meta: Metadata
    figures: list[Figure] = field(default_factory=list)  # offsets relative to ``text``
    is_synthetic: bool = False


def _dedupe(figures: list[Figure]) -> list[Figure]:
    """The same (metric, value, kind) said twice in a document is one figure: keep the first, tables first."""
    seen: set[tuple[str, float, str]] = set()
    out = []
    for f in sorted(figures, key=lambda f: (not f.rule.startswith("table"), f.start)):
        key = (f.metric, round(f.value, 4), f.kind)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return sorted(out, key=lambda f: f.start)


# A small report that walks every stage once (title, organ, place, Traditional text, prose and table figures)
_WARM_UP_TEXT = (
    "某某市人民政府\n关于2023年法治政府建设情况的报告\n"
    "2023年,我市收到行政复议申请120件,受理108件,行政机关负责人出庭应诉率达到98.5%。\n"
    "關於行政復議:全年辦結案件96件。\n"
    "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n规章 | 0 | 0 | 3\n"
)


# a report whose title speaks of its province is about the province, whatever place its body names
_PROVINCE_SCOPE = re.compile(r"全(?:省|自治区)|省委|自治区党委|省(?:人民)?政府|我省")


def _below_province(meta: Metadata, text: str) -> bool:
    """A county's or town's own report (or one of their departments'), where 全省 figures are a superior's quoted.
    News is left out: its place is the story's, often a town in the lead of a province-wide piece."""
    if meta.doc_type in ("news", "other", "briefing"):
        return False
    if not (meta.level in ("county", "town") or (meta.level == "department" and meta.county)):
        return False
    first_line = text.split("\n", 1)[0][:120]
    return not _PROVINCE_SCOPE.search(meta.title or first_line)


def warm_up() -> None:
    """Load now what extraction otherwise loads on first use: the gazetteer and its name index, the metric
    catalogue and table templates, OpenCC, the search segmenter (rjieba with our words), and the regexes
    compiled on first use. A build calls this once before forking its workers, which then share all of it
    instead of each paying for it (~1-2 s CPU per process). Decoding's detector (chardet, rarely needed)
    and the HTML/Word/PDF libraries stay lazy."""
    catalog.load()
    templates()
    gazetteer()
    towns()  # the town list (data/geo/towns.csv), read on the first township report otherwise: once per worker
    to_simplified("關於")
    for doc in process_text(_WARM_UP_TEXT):
        tokens((doc.meta.title or "") + "\n" + (doc.meta.organ or "") + "\n" + doc.text)


def process_text(text: str) -> list[Document]:
    """Split, describe and extract every document in one file's decoded text."""
    docs = []
    synthetic = SYNTHETIC_MARKER in text[:2000]
    for part in split(text):
        part_text = text[part.start:part.end]
        # a table run onto one line with its page gets its row breaks back first (blanks become breaks, the stored
        # text and every offset stay): normalise's blank rules would join its cells into one number
        flat = unflatten(part_text)
        matching = normalise(flat) if flat is part_text else replace(normalise(flat), original=part_text)
        report = matching.text  # the page's breadcrumb, links, footer and a mirror's spam are not the report:
        page = blank_furniture(report)  # blanked for the figures (offsets kept), dropped for who wrote it
        if page != report:
            report = without_furniture(matching.text, page)
            matching = replace(matching, text=page)
        meta = metadata_of(report)
        national = meta.level in ("department", "unknown") and meta.province is None \
            and is_national(meta.title, report)
        receiver = bool(_RECEIVER.search("\n".join(filter(None, [meta.organ, meta.title, report[:600]])))
                        or _OFFICE_RECEIVER.search("\n".join(filter(None, [meta.organ, meta.title]))))
        head = report[:3000]
        disclosure_report = bool(_DISCLOSURE_REPORT.search(meta.title or report[:200])) or (
            ("主动公开" in head or "政府信息公开申请" in head) and "依申请" in head
            and not re.search(r"法治政府|依法行政", (meta.title or "") + head[:300]))
        named = meta.title or report[:200]
        genres = frozenset(name for name, rx in catalog.genres().items() if rx.search(named))
        ctx = DocContext(year=meta.year, doc_type=meta.doc_type, level=meta.level, national=national, receiver=receiver,
                         disclosure_report=disclosure_report, genres=genres,
                         below_province=_below_province(meta, report))
        figures = _dedupe(extract_tables(matching) + extract_prose(matching, ctx))
        figures = _dedupe(figures + settle(extract_zero_counts(matching, ctx), figures))
        calibrate(figures)  # after _dedupe: a figure said twice is one when counting a metric's figures
        docs.append(Document(part.part, part.start, part.end, part_text, meta, figures, synthetic))
    return docs
