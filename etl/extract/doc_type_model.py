"""Which loose kind a document is — annual report, news, briefing or other: the rules' answer weighed with its words.

The rules (etl/extract/meta_kind.py) read a title's last words (报告, 总结, 要点) and a page's news marks; where a text
has no title, or a bureau's news is written like a report, they disagree with the analysts (GOLD: a 总结 is an annual
report, a feature on a bureau is news, a bulletin is other). A multinomial logistic model reads the rules' answer with
the character pairs of the title and the opening; ``scripts/train_doc_type.py`` fits it on the development texts and
../shared's gold. The kinds the rules read from explicit words stay the rules': plans and work points (计划, 要点,
实施方案, or a body of 工作目标/主要任务; kind.py reads their figures as targets) and briefings (汇报材料, 述职, 经验做法),
which the rules almost never get wrong, and a report whose title names its year (…2023年…的报告); the model may still
call a loose document a briefing. Without etl/extract/catalog/doc_type.json the rules decide alone.

Beside the words, the model may read how the whole text is written (``writing_marks``): a reporter's byline and a page's
furniture (记者, 责任编辑, 浏览次数) make news, first-person bodies and numbered headings a report, a yearbook's 【概况】 heads,
a rule's 第N条 or a reply to a deputy (代表:…答复如下) something other. The trainer keeps them only where cross-validation
says they help; the shipped file says whether it was fitted with them (``writing_marks``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from etl.extract.text_pairs import char_pairs

DOC_TYPE_MODEL_PATH = Path(__file__).resolve().parent / "catalog" / "doc_type.json"
LOOSE = ("annual_report", "news", "briefing", "other")  # what the model may answer
REWEIGHED = ("annual_report", "news", "other")  # the rules' kinds it re-decides
# a title that names its year and calls itself a report or a summary (关于2023年…情况的报告, 2023年工作总结): an annual report
# whatever its words (all 230 such titles the rules call a report in the training texts are; an 分析报告 is a study),
# also with what pages add after it: (全文), (书面), 》, a file ending, "- 某某网"
_TITLED_REPORT = re.compile(r"(?:19|20)\d\d\s*年(?:度)?[^\n]*(?<!分析)(?:报告|总结)"
                            r"(?:[》」]|[((][^()()]{1,8}[))]|\.\w{2,4}|\s*[-—–_|｜].{0,30})?$")
# the most of the text a trainer may read pairs from; the shipped model says which window and which weight per pair
# it was fitted with (``text_chars``, ``text_scale``)
RECORD_CHARS = 1000
# the most of a text its writing marks are counted in (a compilation's later pages say nothing more of its kind)
MARK_CHARS = 20000
# how these texts mark their kind, each family counted over the text: news (a byline, a wire, a page's furniture, a
# dated opening, third-person framing), a report (a body speaking of itself, numbered headings, report words, 我们),
# other kinds (a bulletin or a yearbook's heads, a rule's articles, a reply to a deputy, a speech, a plan's words)
WRITING_MARKS = {name: re.compile(pattern, re.M) for name, pattern in (
    # a byline's shape, not the words (次日电话, 记者节, 回答记者提问): (记者 王洲), 本报记者 张三, 记者从…获悉, 7日电
    ("byline", r"[(（][^()（）\n]{0,12}记者|记者[ \t\u3000]*[\u4e00-\u9fff]{2,3}[ \t\u3000)）]|记者(?:从|获悉|了解到|日前|近日)|"
               r"通讯员|本报讯|\d日电|讯\s*[(（]|据.{1,10}(?:报道|消息)"),
    ("page_furniture", r"责任编辑|编辑[:：]|来源[:：]|审核[:：]|浏览次数|阅读次数|点击[:：数]"),
    ("dated_opening", r"\A\s*\S{0,12}?\d{1,2}月\d{1,2}日"),
    ("third_person", r"该[市县区局镇]|近日|日前|近年来"),
    ("dates", r"\d{1,2}月\d{1,2}日"),
    ("quotes", r"[“\"]"),
    ("first_person", r"我[市县区局委院省镇乡厅办]|本[市县区局机关]"),
    ("we", r"我们"),
    ("headings", r"^[ \t\u3000]*[一二三四五六七八九十]+、"),  # not ^\s*: quadratic on a run of blank lines
    ("sub_headings", r"^[ \t\u3000]*[(（][一二三四五六七八九十]+[)）]"),
    ("report_words", r"年度报告|工作报告|情况报告|工作总结"),
    ("bulletin_words", r"统计公报|年鉴|公报"),
    ("bracket_heads", r"【[^】]{1,12}】"),
    ("articles", r"第[一二三四五六七八九十百]+条"),
    ("reply", r"(?:代表|委员)[:：]|答复如下|收悉"),
    ("speech", r"同志们|讲话|致辞"),
    ("plan_words", r"工作要点|实施方案|工作计划|目标任务"),
    ("table", r"\|"),
)}

# set by scripts/train_doc_type.py to collect per document (the title, the text's opening, its writing marks) — None
# for a kind the rules keep — and the rules' answer
recorder: list[tuple[tuple[str, str, dict[str, float]] | None, str]] | None = None


@lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    if not DOC_TYPE_MODEL_PATH.exists():
        return None
    fitted = json.loads(DOC_TYPE_MODEL_PATH.read_text(encoding="utf-8"))
    if not {"classes", "weights", "text_chars", "text_scale"} <= fitted.keys():
        raise ValueError(f"{DOC_TYPE_MODEL_PATH} lacks classes/weights/text_chars/text_scale: refit it with "
                         "scripts/train_doc_type.py --write")
    return fitted


def cues(rules_type: str, title: str | None, text: str, chars: int, scale: float) -> dict[str, float]:
    """The rules' answer, the title's pairs (``t:``) and the pairs of the text's first ``chars`` (``bg:``)."""
    out = {"bias": 1.0, "rules=" + rules_type: 1.0}
    out.update(char_pairs(title or "", "t:", scale))
    out.update(char_pairs(text[:chars], "bg:", scale))
    return out


def writing_marks(text: str) -> dict[str, float]:
    """How often each family of WRITING_MARKS occurs in the text (``m:``, a count of 5 weighs 1, capped at 10) and
    whether it occurs at all (``m1:``)."""
    head = text[:MARK_CHARS]
    out: dict[str, float] = {}
    for name, pattern in WRITING_MARKS.items():
        n = len(pattern.findall(head))
        out["m:" + name] = min(n, 10) / 5
        out["m1:" + name] = 1.0 if n else 0.0
    return out


def refine(rules_type: str, title: str | None, text: str) -> str:
    """The model's kind for a kind the model re-decides; a plan's or a briefing's kind, a report titled with its year,
    or no shipped model keeps the rules'."""
    reweighed = rules_type in REWEIGHED and not (rules_type == "annual_report" and _TITLED_REPORT.search((title or "").strip()))
    if recorder is not None:
        recorder.append(((title or "", text[:RECORD_CHARS], writing_marks(text)) if reweighed else None, rules_type))
        return rules_type
    fitted = model()
    if not reweighed or fitted is None:
        return rules_type
    feats = cues(rules_type, title, text, fitted["text_chars"], fitted["text_scale"])
    if fitted.get("writing_marks"):
        feats.update(writing_marks(text))
    classes = fitted["classes"]
    scores = [0.0] * len(classes)
    for name, value in feats.items():
        for i, w in enumerate(fitted["weights"].get(name, ())):
            scores[i] += w * value
    best = classes[max(range(len(classes)), key=scores.__getitem__)]
    return best if best in LOOSE else rules_type  # a model file naming another kind gives no new kind
